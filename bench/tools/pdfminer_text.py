#!/usr/bin/python3
"""What a pdfminer.six user writes: extract_text() of the whole file, to stdout."""
import sys

from pdfminer.high_level import extract_text

sys.stdout.write(extract_text(sys.argv[1]))
