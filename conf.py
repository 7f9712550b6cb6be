"""Sphinx configuration of the Collaborative Learning Handbook (source directory: docs/)."""

project = "Collaborative Learning Handbook"
author = "The Collaborative Learning Handbook contributors"
copyright = "2026, " + author
release = "0.1"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_checklist",
]

# Checklist YAML files, relative to this file.
checklist_dir = "checklists"

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_templates", "_static", ".venv"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "Collaborative Learning Handbook"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# No web fonts or scripts from other hosts: the handbook works offline.
html_theme_options = {
    "navigation_with_keys": True,
}

nitpicky = True
