#!/usr/bin/python3
"""What a PyMuPDF user writes: every page's get_text(), to stdout."""
import sys

import fitz

with fitz.open(sys.argv[1]) as doc:
    sys.stdout.write("".join(page.get_text() for page in doc))
