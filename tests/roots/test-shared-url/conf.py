project = "Shared URL"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
