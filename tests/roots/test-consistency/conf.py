project = "The Consistency Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://consistency.example.org/"
newsroom_authors = {"jane-doe": {"name": "Jane Doe"}}
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
