project = "The Hostile Herald"
extensions = ["sphinx_newsroom"]
newsroom_site_url = "https://hostile.example.org/"
newsroom_timezone = "Europe/Berlin"
newsroom_authors = {"jane-doe": {"name": "Jane Doe"}}
copyright = "2024, The Hostile Herald"
version = release = "1"
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
