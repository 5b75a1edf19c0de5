project = "The SEO Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
smartquotes = False  # keep the hostile quotes as typed
newsroom_site_url = "https://news.example.org/"
newsroom_timezone = "Asia/Baku"
newsroom_publisher = {
    "name": "SEO Courier Media",
    "url": "https://media.example.org/",
    "logo": "/_static/logo.png",
}
newsroom_authors = {
    "jane-doe": {"name": "Jane Doe", "url": "https://social.example/@jane"},
    "hostile": {"name": '<script>alert(1)</script> "Q" & Co'},
}
newsroom_labels = {"explainer": {"text": "Explainer", "schema": "BackgroundNewsArticle"}}
html_static_path = ["_static"]
