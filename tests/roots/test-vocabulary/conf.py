# A project that is not the handbook: a club's own roles, stages and sources, and its own storage prefix.
extensions = ["myst_parser", "sphinx_checklist"]
nitpicky = True
checklist_roles = {"chair": "Chair of the club", "secretary": "Secretary", "volunteer": "Volunteer"}
checklist_stages = {"plan": "Planning the season", "meet": "On match day", "wrap-up": "After the season"}
checklist_sources = {"club-rules": "The club rulebook (2024)"}
checklist_storage_prefix = "club"
