project = "The Correction Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
language = "en_GB"
newsroom_site_url = "https://news.example.org/"
newsroom_timezone = "Asia/Baku"
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
