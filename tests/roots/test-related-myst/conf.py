project = "The Markdown Courier"
extensions = ["myst_parser", "sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://markdown.example.org/"
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
