project = "The Builder Courier"
extensions = ["sphinx_newsroom"]
language = "en_GB"
version = release = "1"
newsroom_site_url = "https://builders.example.org/"
newsroom_timezone = "Europe/Berlin"
newsroom_authors = {"jane-doe": {"name": "Jane Doe"}}
latex_documents = [("index", "courier.tex", "The Builder Courier", "Newsroom", "manual")]
copyright = "2024, The Builder Courier"
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
