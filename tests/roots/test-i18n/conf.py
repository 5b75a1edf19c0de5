project = "Die Zeitung"
language = "de"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://zeitung.example.org/"
newsroom_timezone = "Europe/Berlin"
newsroom_authors = {
    "jane-doe": {"name": "Jane Doe"},
    "ali-rahimov": {"name": "Ali Rahimov"},
}
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
