project = "The Harbour Gazette"
copyright = "2026, Harbour Media"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
html_static_path = ["_static"]
newsroom_site_url = "https://gazette.example.org/"
newsroom_timezone = "Asia/Baku"
newsroom_publisher = {"name": "Harbour Media Ltd", "logo": "https://static.example.org/logo.png"}
newsroom_authors = {
    "jane-doe": {"name": "Jane Doe"},
    "ali-rahimov": {"name": "Ali Rahimov"},
}
html_theme_options = {
    "tagline": "News from the harbour & the hills",
    "nav_sections": "World, Business",
    "footer_text": "Printed & published in Baku",
}
