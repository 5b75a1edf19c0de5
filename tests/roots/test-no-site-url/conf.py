project = "The Local Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_publisher = {"logo": "/_static/logo.png"}
newsroom_authors = {"jane-doe": {"name": "Jane Doe", "url": "https://social.example/@jane"}}
html_static_path = ["_static"]
