project = "Conflicts"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_authors = {"jane-doe": {"name": "Jane Doe"}}
