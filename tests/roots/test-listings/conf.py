project = "The Listings Gazette"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
html_static_path = ["_static"]
newsroom_site_url = "https://gazette.example.org/"
newsroom_timezone = "Asia/Baku"
newsroom_authors = {
    "jane-doe": {
        "name": "Jane Doe",
        "url": "https://social.example/@jane",
        "bio": "Diplomatic correspondent <b>& friend</b>.",
        "image": "/_static/jane.png",
        "job_title": "Diplomatic correspondent",
        "knows_about": ["Diplomacy", "Borders"],
        "same_as": ["https://news.example.net/people/jane"],
    },
    "ali-rahimov": {"name": "Ali Rahimov"},
    "sam-lee": {"name": "Sam Lee"},
    "kim-park": {"name": "Kim Park", "bio": "Joins us soon."},
}
smartquotes = False  # keep the hostile quotes as typed
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
