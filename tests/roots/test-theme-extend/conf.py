project = "The Extended Times"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
templates_path = ["_templates"]
newsroom_timezone = "Asia/Baku"
newsroom_site_url = "https://news.example.org/"
newsroom_authors = {"ali-rahimov": {"name": "Ali Rahimov"}}
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
