"""The Harbour Courier: the demo newsroom of sphinx-newsroom."""

project = "The Harbour Courier"
html_title = project  # other themes would add "documentation"
copyright = "2026, The Harbour Courier (a fictional newspaper)"
language = "en"

extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
html_static_path = ["_static"]
exclude_patterns = ["_build", "ARTICLES.md", "README.md"]

newsroom_site_url = "https://courier.example.org/"
newsroom_timezone = "Asia/Baku"
newsroom_week_start = "sunday"
newsroom_publisher = {
    "name": "The Harbour Courier",
    "url": "https://courier.example.org/",
    "logo": "_static/logo.svg",
    # The policy pages readers (and search engines) look for; each a document or a URL.
    "masthead": "about",
    "ethics_policy": "standards",
    "fact_checking_policy": "standards",
    "unnamed_sources_policy": "standards",
    "corrections_policy": "standards",
    "feedback_policy": "contact",
}
# Link previews of articles without a photo of their own show this card, not the logo.
newsroom_default_image = "_static/share.png"
newsroom_authors = {
    "leyla-aliyeva": {
        "name": "Leyla Aliyeva",
        "bio": "Diplomatic correspondent, covering the Caspian states and the South Caucasus.",
        "url": "https://social.example/@leyla",
        "job_title": "Diplomatic correspondent",
        "knows_about": ["Caspian diplomacy", "Borders", "Water"],
    },
    "tom-becker": {
        "name": "Tom Becker",
        "bio": "Business editor. Ports, freight, energy and the money behind them.",
        "job_title": "Business editor",
        "knows_about": ["Shipping", "Energy", "Banking"],
    },
    "marta-silva": {
        "name": "Marta Silva",
        "bio": "Culture writer: music, theatre, books and film from around the region.",
    },
    "daniel-okafor": {
        "name": "Daniel Okafor",
        "bio": "Science correspondent, with a soft spot for seals and sea-level models.",
    },
    "nigar-hasanova": {
        "name": "Nigar Hasanova",
        "bio": "Columnist. Writes on politics, cities and the small print of public life.",
    },
}
