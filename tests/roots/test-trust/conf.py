project = "The Trust Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://trust.example.org/"
newsroom_timezone = "Europe/Berlin"
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
