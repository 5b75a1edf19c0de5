project = "Did You Mean Daily"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://dym.example.org/"
newsroom_publisher = {"name": "Did You Mean Daily", "logo": "https://dym.example.org/logo.png"}
newsroom_authors = {
    "nigar-hasanova": {"name": "Nigar Hasanova"},
    "jane-doe": {"name": "Jane Doe"},
}
