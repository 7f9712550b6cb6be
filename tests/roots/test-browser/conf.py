# A small handbook for browser tests: the real theme and extensions, two checklists.
extensions = ["myst_parser", "sphinx_checklist", "handbook_csp", "handbook_offline", "handbook_print"]
html_theme = "furo"
nitpicky = True
html_copy_source = False
html_favicon = "favicon.svg"
