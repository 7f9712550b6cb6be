# A small handbook for browser tests: the real theme and extensions, two checklists.
extensions = ["myst_parser", "sphinx_checklist", "handbook_csp", "handbook_offline", "handbook_print"]
html_theme = "furo"
nitpicky = True
html_copy_source = False
html_favicon = "favicon.svg"

# The handbook's vocabularies (as in the project's conf.py): the ids its checklists may use, with labels.
checklist_roles = {"funder": "Funder", "learning-partner": "Learning partner", "member": "Member",
                   "facilitator": "Facilitator", "philanthropy-staff": "Philanthropy staff",
                   "implementing-partner": "Implementing partner"}
checklist_stages = {"design": "Designing or setting up", "before": "Before a convening", "during": "During a convening",
                    "after": "After a convening", "between": "Between convenings", "review": "Reviewing"}
checklist_sources = {"ipa-2025-report": "IPA report", "ipa-2025-brief": "IPA brief", "itad-porticus-2025": "Itad study"}
checklist_storage_prefix = "clh"
checklist_advice_label = "Handbook advice"
