project = "The Calendar Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://calendar.example.org/"
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
