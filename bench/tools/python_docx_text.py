#!/usr/bin/python3
"""What a python-docx user writes: body paragraphs and every table cell, to stdout."""
import sys

import docx

d = docx.Document(sys.argv[1])
out = [p.text for p in d.paragraphs]
for t in d.tables:
    for row in t.rows:
        out.append("\t".join(c.text for c in row.cells))
sys.stdout.write("\n".join(out))
