project = "MyST tags"
extensions = ["myst_parser", "sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://tags.example.org/"
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
