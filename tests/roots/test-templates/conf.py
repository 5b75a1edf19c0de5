project = "The Template Times"
extensions = ["sphinx_newsroom"]
newsroom_site_url = "https://templates.example.org/"
newsroom_page_size = 1
templates_path = ["_templates"]
html_sidebars = {"**": ["newsroom/sidebar-calendar.html", "newsroom/sidebar-latest.html"]}
html_static_path = ["_static"]
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
