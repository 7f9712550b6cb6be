extensions = ["myst_parser", "sphinx_checklist"]
nitpicky = True
