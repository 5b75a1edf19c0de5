project = "The Feed Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://news.example.org/"
newsroom_timezone = "Europe/Berlin"
newsroom_feed_length = 4
newsroom_publisher = {"name": "Feed Courier Media", "logo": "https://static.example.org/logo.png"}
newsroom_authors = {
    "jane-doe": {"name": "Jane Doe", "url": "https://social.example/@jane"},
    "ali-rahimov": {"name": "Ali Rahimov"},
}
