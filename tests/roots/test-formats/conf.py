project = "The Formats Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://formats.example.org/"
newsroom_timezone = "UTC"
newsroom_publisher = {"name": "Formats Courier", "logo": "https://static.example.org/logo.png"}
copyright = "2026, Formats Courier"
version = release = "1"
