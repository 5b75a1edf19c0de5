project = "The Hostile Herald"
extensions = ["sphinx_newsroom"]
newsroom_site_url = "https://hostile.example.org/"
newsroom_timezone = "Europe/Berlin"
newsroom_authors = {"jane-doe": {"name": "Jane Doe"}}
