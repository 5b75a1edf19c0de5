project = "The Mixed Courier"
extensions = ["myst_parser", "sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://mixed.example.org/"
newsroom_timezone = "Asia/Baku"
newsroom_authors = {
    "jane-doe": {"name": "Jane Doe"},
    "ali-rahimov": {"name": "Ali Rahimov"},
}
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
