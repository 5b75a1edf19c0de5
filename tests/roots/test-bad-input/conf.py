project = "Bad Input Gazette"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_timezone = "Europe/Berlin"
newsroom_authors = {"jane-doe": {"name": "Jane Doe"}}
newsroom_site_url = "https://bad.example.org/"
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
