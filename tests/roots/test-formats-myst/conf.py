project = "The Formats Courier in Markdown"
extensions = ["myst_parser", "sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://formats-myst.example.org/"
newsroom_timezone = "UTC"
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
