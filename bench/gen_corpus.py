#!/usr/bin/python3
"""Generates the benchmark corpus from samples/ (never committed).

  gen_corpus.py OUT_DIR [--docs 1000] [--seed 6]

Writes OUT_DIR/corpus/{pdf,docx}/ (half PDF, half DOCX, 1 to 60 pages each),
OUT_DIR/big/big_{10,40,160,320}.pdf (the scaling curve) and
OUT_DIR/manifest.json (file -> format, pages, source). Deterministic for a seed.

PDFs are page ranges of the sample PDFs joined with qpdf (no LibreOffice at
bench time). DOCX variants rewrite word/document.xml with lxml: the body is
trimmed to, or repeated up to, the target length. Every file gets distinct
bytes (a trailing PDF comment; a DOCX core.xml revision) because itax batch
stores a document once per sha256, so copies would not be processed.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy

from lxml import etree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "samples")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_pages(path):
    out = subprocess.run(["qpdf", "--show-npages", path], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def page_plan(sources, n, rng):
    """qpdf --pages arguments taking n pages from random runs of the sources."""
    args, left = [], n
    while left > 0:
        src, count = rng.choice(sources)
        take = min(left, count)
        start = rng.randint(1, count - take + 1)
        args += [src, f"{start}-{start + take - 1}"]
        left -= take
    return args


def make_pdf(out, plan, tag):
    subprocess.run(["qpdf", "--empty", "--pages", *plan, "--", out], check=True)
    with open(out, "ab") as f:  # distinct bytes; readers ignore data after %%EOF
        f.write(f"\n% itax bench variant {tag}\n".encode())


def docx_variant(src, out, factor, tag):
    with zipfile.ZipFile(src) as zin:
        doc = etree.fromstring(zin.read("word/document.xml"))
        body = doc.find(W + "body")
        kids = [c for c in body if c.tag != W + "sectPr"]
        sect = body.find(W + "sectPr")
        for c in kids:
            body.remove(c)
        whole, frac = int(factor), factor - int(factor)
        chosen = [deepcopy(c) for _ in range(whole) for c in kids]
        chosen += [deepcopy(c) for c in kids[: max(1 if not chosen else 0, round(frac * len(kids)))]]
        for c in chosen:
            if sect is not None:
                sect.addprevious(c)
            else:
                body.append(c)
        xml = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == "word/document.xml":
                    data = xml
                elif info.filename == "docProps/core.xml":
                    data = re.sub(rb"</cp:coreProperties>",
                                  f"<cp:revision>{tag}</cp:revision></cp:coreProperties>".encode(), data)
                zout.writestr(info, data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--big-only", action="store_true", help="only the scaling files (the corpus is kept)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pdfs = sorted(os.path.join(SAMPLES, f) for f in os.listdir(SAMPLES) if f.endswith(".pdf"))
    docxs = sorted(os.path.join(SAMPLES, f) for f in os.listdir(SAMPLES) if f.endswith(".docx"))
    pdf_sources = [(p, pdf_pages(p)) for p in pdfs]
    # A DOCX has no pages; its PDF twin (same name, made by LibreOffice) tells how many it fills.
    docx_pages = {d: pdf_pages(d[:-5] + ".pdf") for d in docxs}
    corpus = os.path.join(a.out, "corpus")
    big = os.path.join(a.out, "big")
    for d in (os.path.join(corpus, "pdf"), os.path.join(corpus, "docx"), big):
        os.makedirs(d, exist_ok=True)
    manifest, jobs = {}, []
    n_pdf = 0 if a.big_only else a.docs // 2
    if a.big_only:
        with open(os.path.join(a.out, "manifest.json")) as f:
            manifest = {k: v for k, v in json.load(f).items() if "/big/" not in k}
    for i in range(n_pdf):
        n = rng.randint(1, 60)
        out = os.path.join(corpus, "pdf", f"p{i:04d}_{n}p.pdf")
        jobs.append((out, page_plan(pdf_sources, n, rng), f"p{i}"))
        manifest[out] = {"format": "pdf", "pages": n}
    for i in range(0 if a.big_only else a.docs - n_pdf):
        n = rng.randint(1, 60)
        src = docxs[i % len(docxs)]
        out = os.path.join(corpus, "docx", f"d{i:04d}_{n}p_{os.path.basename(src)}")
        docx_variant(src, out, n / docx_pages[src], f"d{i}")
        manifest[out] = {"format": "docx", "pages": n, "source": os.path.basename(src)}
    # The scaling curve: every file has the same mix of content per page (two
    # pages of each sample in turn, the next two each time round), so a change
    # in cost per page comes from the length, not from what the pages hold.
    for n in (10, 40, 160, 320):
        plan, left, k = [], n, 0
        while left > 0:
            src, count = pdf_sources[k % len(pdf_sources)]
            first = (2 * (k // len(pdf_sources))) % (count - 1) + 1
            take = min(left, 2)
            plan += [src, f"{first}-{first + take - 1}"]
            left -= take
            k += 1
        out = os.path.join(big, f"big_{n}.pdf")
        jobs.append((out, plan, f"big{n}"))
        manifest[out] = {"format": "pdf", "pages": n}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        list(ex.map(lambda j: make_pdf(*j), jobs))
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    print(f"gen_corpus: {a.docs} documents in {corpus}, scaling files in {big}", file=sys.stderr)


if __name__ == "__main__":
    main()
