project = "The Sitemap Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
language = "de"
newsroom_site_url = "https://news.example.org"
newsroom_timezone = "UTC"
newsroom_publisher = {"name": "Sitemap Courier", "logo": "https://static.example.org/logo.png"}
