project = "The Test Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://news.example.org/"
newsroom_timezone = "Asia/Baku"
newsroom_authors = {
    "jane-doe": {"name": "Jane Doe", "url": "https://social.example/@jane", "bio": "Diplomatic correspondent."},
    "ali-rahimov": {"name": "Ali Rahimov"},
    "sam-lee": {"name": "Sam Lee"},
}
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
