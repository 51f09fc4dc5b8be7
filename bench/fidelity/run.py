#!/usr/bin/python3
"""Fidelity benchmark: how much of each PDF's Thai text reads as words.

For every PDF in ../shared/corpora/thai-real/ and samples/, the text from
`itax text`, `pdftotext -raw` and PyMuPDF (python3-fitz) is scored the same
way: segmented with ICU, every segment's Thai letters looked up in libthai's
dictionary; the score is the share of Thai letters inside dictionary words
(`itax text --score --no-repair -`, so all three use one segmenter and one
dictionary). A fourth column runs pdftotext's text through itax's Thai
repairs (`itax text -`), which separates the repairs from the reader.

Clean references: the seed report (plain text) and the real DOCX letter.
Both must come out of itax unchanged by the dictionary repairs.

Usage: /usr/bin/python3 bench/fidelity/run.py [--itax PATH] [--markdown]
"""
import argparse
import glob
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
REAL = os.path.join(SHARED, "corpora", "thai-real")
SEED = os.path.join(SHARED, "seed", "000_825f8da4abddf54c.txt")
LETTER = os.path.join(REAL, "sawang_letter.docx")


def find_itax(flag):
    candidates = [flag, os.environ.get("ITAX")] if flag or os.environ.get("ITAX") else []
    candidates += [os.path.join(ROOT, "build", "itax")]
    candidates += sorted(glob.glob(os.path.join(ROOT, "build*", "itax")), key=os.path.getmtime, reverse=True)
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    sys.exit("bench: no itax binary found; build it (cmake -S . -B build && cmake --build build) or pass --itax")


class Bench:
    def __init__(self, itax):
        self.itax = itax

    def run(self, args, stdin=None):
        p = subprocess.run(args, input=stdin, capture_output=True)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.decode(errors='replace').strip()}")
        return p.stdout, p.stderr.decode(errors="replace")

    def score(self, text):
        """(share, thai letters, letters in words) of UTF-8 `text` (bytes)."""
        out, _ = self.run([self.itax, "text", "--score", "--no-repair", "-"], stdin=text)
        share, letters, in_words = out.decode().split()
        return float(share), int(letters), int(in_words)

    def itax_text(self, path, repair=True):
        """itax's text of `path` and its repair counts ("kind=n ...")."""
        args = [self.itax, "text", "-v", path] if repair else [self.itax, "text", "--no-repair", path]
        out, err = self.run(args)
        repairs = ""
        for line in err.splitlines():
            if "text repairs:" in line:
                repairs = line.split("text repairs:", 1)[1].strip()
        return out, repairs

    def itax_stdin(self, text):
        out, err = self.run([self.itax, "text", "-v", "-"], stdin=text)
        repairs = ""
        for line in err.splitlines():
            if "text repairs:" in line:
                repairs = line.split("text repairs:", 1)[1].strip()
        return out, repairs


def pdftotext(path):
    return subprocess.run(["pdftotext", "-raw", path, "-"], capture_output=True, check=True).stdout


def pymupdf(path):
    import fitz  # python3-fitz

    with fitz.open(path) as doc:
        return "\f".join(page.get_text() for page in doc).encode()


DAMAGE = ("sara_am_swap", "sara_aa_swap", "sara_u_lost", "mark_displaced", "mixed_digits")


def damage_only(repairs):
    return " ".join(r for r in repairs.split() if r.split("=")[0] in DAMAGE) or "none"


def other_only(repairs):
    return " ".join(r for r in repairs.split() if r.split("=")[0] not in DAMAGE and "=" in r) or "none"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--itax", help="itax binary (default: $ITAX, build/itax, newest build*/itax)")
    ap.add_argument("--markdown", action="store_true", help="print only the markdown tables")
    args = ap.parse_args()
    bench = Bench(find_itax(args.itax))
    try:
        import fitz  # noqa: F401

        have_fitz = True
    except ImportError:
        have_fitz = False
    if not args.markdown:
        print(f"itax: {bench.itax}", file=sys.stderr)

    groups = [("real Thai government PDFs", sorted(glob.glob(os.path.join(REAL, "*.pdf")))),
              ("samples/", sorted(glob.glob(os.path.join(ROOT, "samples", "*.pdf"))))]
    cols = ["itax text", "pdftotext -raw", "PyMuPDF", "pdftotext + itax repairs"]
    t0 = time.time()
    for title, files in groups:
        if not files:
            continue
        print(f"\n### {title}\n")
        print("| file | Thai letters | " + " | ".join(cols) + " | itax damage repairs |")
        print("|---|---:|" + "---:|" * len(cols) + "---|")
        totals = {c: [0, 0] for c in cols}
        for path in files:
            texts = {}
            texts["itax text"], repairs = bench.itax_text(path)
            raw = pdftotext(path)
            texts["pdftotext -raw"] = raw
            texts["PyMuPDF"] = pymupdf(path) if have_fitz else None
            texts["pdftotext + itax repairs"], _ = bench.itax_stdin(raw)
            cells, letters = [], 0
            for c in cols:
                if texts[c] is None:
                    cells.append("n/a")
                    continue
                share, n, w = bench.score(texts[c])
                totals[c][0] += n
                totals[c][1] += w
                letters = letters or n
                cells.append(f"{share:.3f}")
            print(f"| {os.path.basename(path)} | {letters} | " + " | ".join(cells) + f" | {damage_only(repairs)} |")
        overall = [f"**{w / n:.3f}**" if n else "n/a" for n, w in (totals[c] for c in cols)]
        print("| **all** (letter-weighted) | | " + " | ".join(overall) + " | |")

    print("\n### clean references\n")
    print("| text | Thai letters | as is | through itax | lines changed by itax | damage repairs | other repairs |")
    print("|---|---:|---:|---:|---:|---|---|")
    seed = open(SEED, "rb").read()
    out, repairs = bench.itax_stdin(seed)
    changed = sum(1 for a, b in zip(seed.split(b"\n"), out.split(b"\n")) if a != b)
    s0, n0, _ = bench.score(seed)
    s1, _, _ = bench.score(out)
    print(f"| seed report (plain text, `itax text -`) | {n0} | {s0:.3f} | {s1:.3f} | {changed} | "
          f"{damage_only(repairs)} | {other_only(repairs)} |")
    if os.path.exists(LETTER):
        raw, _ = bench.itax_text(LETTER, repair=False)
        out, repairs = bench.itax_text(LETTER)
        changed = sum(1 for a, b in zip(raw.split(b"\n"), out.split(b"\n")) if a != b)
        s0, n0, _ = bench.score(raw)
        s1, _, _ = bench.score(out)
        print(f"| sawang_letter.docx (`itax text`) | {n0} | {s0:.3f} | {s1:.3f} | {changed} | "
              f"{damage_only(repairs)} | {other_only(repairs)} |")
    if not args.markdown:
        print(f"\n{time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
