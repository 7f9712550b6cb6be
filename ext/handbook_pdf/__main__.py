"""``python -m handbook_pdf SITE_DIR``: print the PDFs of a built site."""

import sys

from .build import main

sys.exit(main())
