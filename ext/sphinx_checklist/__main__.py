"""``python -m sphinx_checklist``: the contributor command line."""

import sys

from .cli import main

sys.exit(main())
