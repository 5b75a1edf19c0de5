project = "The Hostile Markdown"
extensions = ["myst_parser", "sphinx_newsroom"]
newsroom_site_url = "https://hostile-md.example.org/"
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
