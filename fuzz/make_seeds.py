#!/usr/bin/python3
"""Seed corpora and dictionaries for the fuzz targets, derived from the
project's samples, fixtures and rules (and small PDFs of the shared pdf.js
corpus when it is there). Nothing here is committed: run it into a build
directory.

Usage: make_seeds.py REPO_ROOT OUT_DIR
Writes OUT_DIR/seeds/<target>/* and OUT_DIR/dicts/<name>.dict. Standard
library only (plus pdftotext from poppler-utils, when installed, for the
Thai text seeds). Deterministic: the same inputs give the same files.
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile

REPO, OUT = sys.argv[1], sys.argv[2]
SEEDS = os.path.join(OUT, "seeds")
DICTS = os.path.join(OUT, "dicts")
SHARED = os.path.join(REPO, "..", "shared", "corpora")


def files(*dirs, ext=()):
    out = []
    for d in dirs:
        if os.path.isdir(d):
            out += [os.path.join(d, f) for f in sorted(os.listdir(d))
                    if f.lower().endswith(ext) and os.path.isfile(os.path.join(d, f))]
    return out


def put(target, data, name=None):
    d = os.path.join(SEEDS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = name or hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def copy(target, path, max_bytes):
    if os.path.getsize(path) <= max_bytes:
        with open(path, "rb") as f:
            put(target, f.read(), os.path.basename(path))


# --- fuzz_docx: whole DOCX files (the zip bomb is left out: 300 KB) ----------
docx_files = files(os.path.join(REPO, "samples"), os.path.join(REPO, "tests", "data", "docx"),
                   os.path.join(REPO, "tests", "data", "bad"), os.path.join(SHARED, "thai-real"),
                   os.path.join(REPO, "tests", "hostile"), ext=(".docx",))
for p in docx_files:
    copy("fuzz_docx", p, 100_000)

# --- fuzz_docx_xml: word/document.xml, whole when small, else cut into ------
# documents of a few body children each (the envelope kept), so seeds stay
# small and every kind of table and paragraph is somewhere near the start.
TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)[^>]*?(/?)>", re.S)


def body_children(xml):
    """(envelope head, [child xml], tail) of <w:body>, by a tag-depth scan."""
    m = re.search(rb"<w:body[^>]*>", xml)
    if not m:
        return None
    head, pos, depth, start, kids = xml[:m.end()], m.end(), 0, None, []
    for t in TAG.finditer(xml, m.end()):
        closing, name, selfclose = t.group(1), t.group(2), t.group(3)
        if name.startswith(b"?") or name.startswith(b"!"):
            continue
        if not closing:
            if depth == 0:
                start = t.start()
            if not selfclose:
                depth += 1
            elif depth == 0:
                kids.append(xml[start:t.end()])
        else:
            if depth == 0:  # </w:body>
                return head, kids, xml[t.start():]
            depth -= 1
            if depth == 0:
                kids.append(xml[start:t.end()])
    return None


for p in docx_files:
    try:
        z = zipfile.ZipFile(p)
        parts = [i for i in z.infolist() if i.filename.startswith("word/") and
                 re.match(r"word/(document|header\d*|footer\d*)\.xml$", i.filename) and i.file_size < 2_000_000]
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError):
        continue
    for info in parts:
        try:
            xml = z.read(info)
        except Exception:
            continue
        if len(xml) <= 16_000:
            put("fuzz_docx_xml", xml)
            continue
        split = body_children(xml)
        if not split:
            continue
        head, kids, tail = split
        group, size, made = [], 0, 0
        for k in kids:
            group.append(k)
            size += len(k)
            if size > 6_000:
                put("fuzz_docx_xml", head + b"".join(group) + tail)
                group, size, made = [], 0, made + 1
                if made >= 40:
                    break
        if group and made < 40:
            put("fuzz_docx_xml", head + b"".join(group) + tail)

# --- fuzz_pdf: small PDFs ------------------------------------------------------
for p in files(os.path.join(REPO, "tests", "data", "pdf"), os.path.join(REPO, "tests", "data", "bad_pdf"),
               os.path.join(REPO, "samples"), os.path.join(SHARED, "thai-real"),
               os.path.join(REPO, "tests", "hostile"), ext=(".pdf",)):
    copy("fuzz_pdf", p, 200_000)
for p in files(os.path.join(SHARED, "pdfjs"), ext=(".pdf",)):
    copy("fuzz_pdf", p, 24_000)

# --- fuzz_thai / fuzz_dates: the text layer of the PDF samples (with its ------
# font damage) and the text of the DOCX samples, in pieces.
texts = []
if shutil.which("pdftotext"):
    for p in files(os.path.join(REPO, "samples"), os.path.join(SHARED, "thai-real"), ext=(".pdf",)):
        r = subprocess.run(["pdftotext", "-q", "-l", "3", p, "-"], capture_output=True)
        texts.append(r.stdout)
for p in files(os.path.join(REPO, "samples"), ext=(".docx",)):
    xml = zipfile.ZipFile(p).read("word/document.xml")
    texts.append(b"\n".join(re.findall(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))[:20_000])
for t in texts:
    paras = [x for x in re.split(rb"\n\s*\n", t) if x.strip()]
    for i in range(0, min(len(paras), 120), 3):
        piece = b"\n".join(paras[i:i + 3])[:3000]
        put("fuzz_thai", b"\x00" + piece)
    for line in t.splitlines():
        if re.search(rb"\d|[\xe0][\xb9][\x90-\x99]", line) and len(line) < 300 and len(line.strip()) > 4:
            put("fuzz_dates", line.strip())

# --- fuzz_rules: each rule file, behind the byte that selects it -----------
rules_dir = os.path.join(REPO, "rules")
rule_files = sorted(os.path.relpath(os.path.join(d, f), rules_dir)
                    for d, _, fs in os.walk(rules_dir) for f in fs if f.endswith(".yaml"))
for k, rel in enumerate(rule_files):
    with open(os.path.join(rules_dir, rel), "rb") as f:
        put("fuzz_rules", bytes([k]) + f.read(), rel.replace("/", "_"))

# --- fuzz_tables, fuzz_layout: structure decoded from bytes; a few seeds of --
# every length so the decoders start with some of each kind of block.
for target in ("fuzz_tables", "fuzz_layout"):
    for n in (16, 64, 256, 1024, 4096):
        put(target, hashlib.sha256(target.encode() + bytes([n % 256])).digest() * (n // 32))

# --- fuzz_answer: the expected records of the end-to-end tests, as JSON behind
# the byte that selects "make rows and an answer from a record" and before the
# last byte, which FuzzedDataProvider reads first: no changes. The fuzzer's
# changes to the JSON and to that count reach the binary readers.
for p in files(os.path.join(REPO, "tests", "e2e", "expected"), ext=(".json",)):
    with open(p, "rb") as f:
        put("fuzz_answer", b"\x02" + f.read() + b"\x00", os.path.basename(p))
put("fuzz_answer", b"\x00IXA1")
put("fuzz_answer", b"\x01\x01\x00\x00\x00")

# --- dictionaries ----------------------------------------------------------------
os.makedirs(DICTS, exist_ok=True)


def write_dict(name, words):
    seen, lines = set(), []
    for w in words:
        if isinstance(w, str):
            w = w.encode("utf-8")
        if not w or len(w) > 64 or w in seen:
            continue
        seen.add(w)
        esc = "".join(chr(b) if 0x20 <= b < 0x7f and b not in (0x22, 0x5c) else "\\x%02X" % b for b in w)
        lines.append('"%s"' % esc)
    with open(os.path.join(DICTS, name + ".dict"), "w") as f:
        f.write("\n".join(lines) + "\n")


thai_words = []
for rel in rule_files:
    with open(os.path.join(rules_dir, rel), encoding="utf-8") as f:
        thai_words += re.findall(r"[\u0e00-\u0e7f][\u0e00-\u0e7f.]*", f.read())
thai_words += ["O1", "O14", "O43", "0\u0e51", "\u0e52\u0e55\u0e56\u0e56", "2566", " ", "\t", "\n",
               "\u00a0", "\u200b", "\uf700", "\uf0fe", "\u2610", "\u2611", "\u2612", "[X]", "( )"]
write_dict("thai", thai_words)

w = ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", '<w:t xml:space="preserve">', "<w:tbl>",
     "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>", "<w:tcPr>", '<w:gridSpan w:val="3"/>',
     '<w:vMerge w:val="restart"/>', "<w:vMerge/>", "<w:trPr><w:tblHeader/></w:trPr>", '<w:gridBefore w:val="2"/>',
     "<w:sdt>", "</w:sdt>", "<w:sdtPr>", "</w:sdtPr>", "<w:sdtContent>", "</w:sdtContent>",
     '<w14:checkbox><w14:checked w14:val="1"/></w14:checkbox>', '<w:sym w:font="Wingdings" w:char="F0FE"/>',
     '<w:fldChar w:fldCharType="begin"/>', '<w:fldChar w:fldCharType="separate"/>',
     '<w:fldChar w:fldCharType="end"/>', "<w:instrText> FORMCHECKBOX </w:instrText>",
     "<w:ffData><w:checkBox><w:default w:val=\"1\"/><w:checked/></w:checkBox></w:ffData>",
     '<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr>', "<w:txbxContent>", "</w:txbxContent>",
     "<mc:AlternateContent>", "<mc:Choice Requires=\"wps\">", "</mc:Choice>", "<mc:Fallback>", "</mc:Fallback>",
     "</mc:AlternateContent>", "<w:del>", "</w:del>", "<w:delText>", "<w:tab/>", "<w:br/>", "<w:cr/>",
     "<w:noBreakHyphen/>", "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>", "<w:sectPr>", "<![CDATA[", "]]>",
     "<!--", "-->", "<?xml version=\"1.0\"?>", "<!DOCTYPE", "<!ENTITY", "&amp;", "&#x0E01;", "&#1;",
     'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
     'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"',
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"', "\xff"]
write_dict("docx_xml", w + thai_words[:200])

pdf = ["%PDF-1.7", "%%EOF", "obj", "endobj", "stream", "endstream", "xref", "trailer", "startxref", "/Type",
       "/Page", "/Pages", "/Kids", "/Count", "/Parent", "/MediaBox", "/Resources", "/Font", "/Contents",
       "/Length", "/Filter", "/FlateDecode", "/ToUnicode", "/Encoding", "/Differences", "/Widths", "/FirstChar",
       "/Subtype", "/Type0", "/TrueType", "/Type3", "/CIDFontType2", "/DescendantFonts", "/Annots", "/Widget",
       "/AcroForm", "/Fields", "/FT", "/Btn", "/AS", "/V", "/Off", "/Yes", "/Rotate", "/ObjStm", "/XRef",
       "/Prev", "/Root", "/Size", "/Encrypt", "BT", "ET", "Tf", "Tj", "TJ", "Td", "Tm", "re", "f", "S", "m",
       "l", "c", "h", "q", "Q", "cm", "Do", "/XObject", "/Form", "/BBox", "begincmap", "endcmap",
       "beginbfchar", "endbfchar", "beginbfrange", "endbfrange", "<FEFF>", "<0E01>", "<F0FE>", "<2611>",
       "0 0 612 792", "1 0 R", "<<", ">>", "[", "]"]
write_dict("pdf", pdf)

for t in sorted(os.listdir(SEEDS)):
    print(f"{t}: {len(os.listdir(os.path.join(SEEDS, t)))} seeds")
