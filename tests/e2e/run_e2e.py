#!/usr/bin/python3
"""End-to-end tests: run the real itax binary on samples/ and tests/data/.

Usage: run_e2e.py ITAX_BINARY REPO_ROOT CHECK
where CHECK is one of the functions named check_* below (ctest runs each as
its own test). Every JSON record written is validated against the schema.
Uses Debian's python3 and python3-jsonschema only (and pdftotext from
poppler-utils for the PDF bounding-box check).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import jsonschema

ITAX, REPO, CHECK = sys.argv[1], sys.argv[2], sys.argv[3]
SAMPLES = os.path.join(REPO, "samples")
BAD = os.path.join(REPO, "tests", "data", "bad")
BAD_PDF = os.path.join(REPO, "tests", "data", "bad_pdf")
EXPECTED = os.path.join(REPO, "tests", "e2e", "expected")
with open(os.path.join(REPO, "schema", "itax.report.schema.json"), encoding="utf-8") as f:
    SCHEMA = jsonschema.Draft202012Validator(json.load(f))

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(*args, timeout=120):
    p = subprocess.run([ITAX, *args], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def load_valid(path):
    with open(path, encoding="utf-8") as f:
        rec = json.load(f)
    errors = sorted(SCHEMA.iter_errors(rec), key=lambda e: list(e.path))
    for e in errors[:5]:
        fail(f"{os.path.basename(path)}: schema: {'/'.join(map(str, e.path))}: {e.message}")
    return rec


def sample_docs():
    """The DOCX samples (the PDF samples are checked by check_pdf_samples)."""
    return sorted(f for f in os.listdir(SAMPLES) if f.endswith(".docx"))


def sample_pdfs():
    return sorted(f for f in os.listdir(SAMPLES) if f.endswith(".pdf"))


def compare(name, rec, exp):
    """Compare a record with a hand-checked expected summary, listing every difference."""
    where = name
    for k in ("name", "kind", "subdistrict", "district", "province"):
        if rec["agency"].get(k) != exp["agency"][k]:
            fail(f"{where}: agency.{k} = {rec['agency'].get(k)!r}, expected {exp['agency'][k]!r}")
    if rec["fiscal_year"] != exp["fiscal_year"]:
        fail(f"{where}: fiscal_year = {rec['fiscal_year']}, expected {exp['fiscal_year']}")
    if rec["ita"]["score"] is None or abs(rec["ita"]["score"] - exp["ita"]["score"]) > 1e-6:
        fail(f"{where}: ita.score = {rec['ita']['score']}, expected {exp['ita']['score']}")
    if rec["ita"]["result"] != exp["ita"]["result"]:
        fail(f"{where}: ita.result = {rec['ita']['result']!r}, expected {exp['ita']['result']!r}")

    got_m = {m["no"]: m for m in rec["measures"]}
    if len(rec["measures"]) != len(exp["measures"]):
        fail(f"{where}: {len(rec['measures'])} measures, expected {len(exp['measures'])}")
    for m in exp["measures"]:
        g = got_m.get(m["no"])
        if not g:
            fail(f"{where}: measure {m['no']} missing")
            continue
        for k in ("responsible", "indicator_refs"):
            if g[k] != m[k]:
                fail(f"{where}: measure {m['no']} {k} = {g[k]}, expected {m[k]}")

    got_i = {i["no"]: i for i in rec["indicators"]}
    if len(rec["indicators"]) != len(exp["indicators"]):
        fail(f"{where}: {len(rec['indicators'])} indicators, expected {len(exp['indicators'])}")
    for i in exp["indicators"]:
        g = got_i.get(i["no"])
        if not g:
            fail(f"{where}: indicator {i['no']} missing")
            continue
        for k in ("status", "responsible"):
            if g[k] != i[k]:
                fail(f"{where}: indicator {i['no']} {k} = {g[k]}, expected {i[k]}")

    # Flags: the set of "code target" must be exactly the expected one (the
    # seed's two template slips and its date outside the fiscal year are in
    # every sample; sample (b) adds its planted differences).
    if "flags" in exp:
        got_flags = sorted(f"{f['code']} {f['target']}" for f in rec["flags"])
        if got_flags != sorted(exp["flags"]):
            fail(f"{where}: flags {got_flags}, expected {sorted(exp['flags'])}")

    got_items = {}
    for it in rec["items"]:
        if it["code"] in got_items:
            fail(f"{where}: item {it['code']} appears twice")
        got_items[it["code"]] = it
    exp_codes = [it["code"] for it in exp["items"]]
    extra = [c for c in got_items if c not in exp_codes]
    if extra:
        fail(f"{where}: unexpected items {extra}")
    for it in exp["items"]:
        g = got_items.get(it["code"])
        if not g:
            fail(f"{where}: item {it['code']} missing")
            continue
        for k in ("subindicator", "status", "responsible"):
            if g[k] != it[k]:
                fail(f"{where}: {it['code']} {k} = {g[k]}, expected {it[k]}")


def check_samples():
    """itax extract samples/*.docx writes one valid record per sample, equal to the hand-checked truth."""
    out = tempfile.mkdtemp(prefix="itax_e2e_")
    try:
        docs = sample_docs()
        rc, _, err = run("extract", *[os.path.join(SAMPLES, d) for d in docs], "--out", out, "-q")
        if rc != 0:
            fail(f"extract samples/*.docx exited {rc}: {err}")
        written = sorted(os.listdir(out))
        if written != sorted(d + ".json" for d in docs):
            fail(f"records written {written}, expected one per sample {docs}")
        for d in docs:
            path = os.path.join(out, d + ".json")
            if not os.path.exists(path):
                continue
            rec = load_valid(path)
            if rec["status"] != "ok":
                fail(f"{d}: status {rec['status']} {rec['error']}")
            exp_path = os.path.join(EXPECTED, d + ".json")
            if os.path.exists(exp_path):
                with open(exp_path, encoding="utf-8") as f:
                    compare(d, rec, json.load(f))
            else:
                fail(f"{d}: no expected file {exp_path}")
            # Provenance: every item and indicator says where it came from.
            for it in rec["items"] + rec["indicators"]:
                if not it["source"]["locator"] or it["source"]["rule"] is None:
                    fail(f"{d}: {it.get('code', it.get('no'))} has no provenance: {it['source']}")
    finally:
        shutil.rmtree(out)


# Fixture -> error codes accepted for it.
BAD_CODES = {
    "truncated.docx": {"bad_zip"},
    "not_a_zip.docx": {"bad_zip", "unsupported_format"},
    "no_document_xml.docx": {"not_docx"},
    "zip_bomb.docx": {"zip_bomb"},
    "xxe.docx": {"xml_entities"},
    "xxe_parameter_entity.docx": {"xml_entities"},
    "billion_laughs.docx": {"xml_entities"},
    "invalid_utf8.docx": {"bad_xml"},
    "empty.docx": {"empty_file"},
    "html_renamed.pdf": {"unsupported_format"},
    "encrypted_zip.docx": {"encrypted"},
}


def check_bad_inputs():
    """Each bad input gives an error record with a clear message and exit 1; the good input is still written."""
    out = tempfile.mkdtemp(prefix="itax_e2e_")
    try:
        good = os.path.join(SAMPLES, sample_docs()[0])
        rc, _, err = run("extract", BAD, good, "--out", out, "-q", timeout=300)
        if rc != 1:
            fail(f"exit code {rc}, expected 1; stderr: {err[-2000:]}")
        for name, codes in BAD_CODES.items():
            path = os.path.join(out, name + ".json")
            if not os.path.exists(path):
                fail(f"{name}: no record written")
                continue
            rec = load_valid(path)
            if rec["status"] != "error" or rec["error"]["code"] not in codes:
                fail(f"{name}: status {rec['status']}, error {rec['error']}, expected one of {codes}")
            elif len(rec["error"]["message"]) < 10:
                fail(f"{name}: message too short: {rec['error']['message']!r}")
            text = json.dumps(rec, ensure_ascii=False)
            if "root:x:0:0" in text:
                fail(f"{name}: record leaks /etc/passwd")
        for f in os.listdir(BAD):
            if f not in BAD_CODES and f.endswith((".docx", ".pdf")):
                fail(f"fixture {f} has no expected error code in run_e2e.py")
        good_rec = os.path.join(out, os.path.basename(good) + ".json")
        if not os.path.exists(good_rec) or load_valid(good_rec)["status"] != "ok":
            fail("the good input in the same run was not written as ok")
    finally:
        shutil.rmtree(out)


def check_jsonl():
    """--jsonl writes one valid record per input to stdout and no files."""
    inputs = [os.path.join(SAMPLES, d) for d in sample_docs()] + [os.path.join(BAD, "empty.docx"), "/nonexistent/x.docx"]
    rc, out, err = run("extract", "--jsonl", "-q", *inputs)
    if rc != 1:
        fail(f"exit {rc}, expected 1 (two inputs are bad)")
    lines = [l for l in out.splitlines() if l.strip()]
    if len(lines) != len(inputs):
        fail(f"{len(lines)} lines for {len(inputs)} inputs")
    for line in lines:
        rec = json.loads(line)
        errors = list(SCHEMA.iter_errors(rec))
        if errors:
            fail(f"jsonl record {rec['source']['file']}: {errors[0].message}")
    codes = [json.loads(l)["error"]["code"] for l in lines if json.loads(l)["status"] == "error"]
    if sorted(codes) != ["empty_file", "not_found"]:
        fail(f"error codes {codes}, expected empty_file and not_found")


def check_cli():
    """--help, --version, usage errors, rules check (good and broken rules)."""
    rc, out, _ = run("--help")
    if rc != 0 or "extract" not in out:
        fail(f"--help: exit {rc}")
    rc, out, _ = run("--version")
    if rc != 0 or not out.startswith("itax "):
        fail(f"--version: exit {rc}, {out!r}")
    rc, _, _ = run("extract")
    if rc != 2:
        fail(f"extract without inputs: exit {rc}, expected 2")
    rc, _, _ = run("frobnicate")
    if rc != 2:
        fail(f"unknown command: exit {rc}, expected 2")
    rc, out, err = run("rules", "check", os.path.join(REPO, "rules"))
    if rc != 0 or "rules OK" not in out:
        fail(f"rules check on rules/: exit {rc}: {err}")
    broken = tempfile.mkdtemp(prefix="itax_rules_")
    try:
        shutil.copytree(os.path.join(REPO, "rules"), broken, dirs_exist_ok=True)
        with open(os.path.join(broken, "patterns.yaml"), "a", encoding="utf-8") as f:
            f.write("  - id: broken.rule\n    pattern: '(oops'\n")
        rc, _, err = run("rules", "check", broken)
        if rc != 2 or "patterns.yaml:" not in err or "bad pattern" not in err:
            fail(f"rules check on broken rules: exit {rc}, stderr {err!r}")
        rc, _, err = run("extract", "--rules", broken, os.path.join(SAMPLES, sample_docs()[0]), "--jsonl")
        if rc != 2:
            fail(f"extract with broken rules: exit {rc}, expected 2")
    finally:
        shutil.rmtree(broken)


def check_pdf_input():
    """A PDF input gives a record, never a crash (error until the PDF reader lands)."""
    pdf = os.path.join(REPO, "..", "shared", "corpora", "thai-real", "nysso_upload_ITA_EB1_1.1.pdf")
    if not os.path.exists(pdf):
        print("SKIP: shared corpora not present")
        return
    rc, out, err = run("extract", "--jsonl", "-q", pdf)
    lines = out.splitlines()
    if len(lines) != 1:
        fail(f"{len(lines)} records for one PDF; stderr {err}")
        return
    rec = json.loads(lines[0])
    if list(SCHEMA.iter_errors(rec)):
        fail("PDF record does not validate")
    if rec["status"] == "error" and rc != 1:
        fail(f"error record but exit {rc}")


def extract_one(rel):
    """`itax extract --jsonl` on one file of the repository: its one schema-valid record, or None."""
    rc, out, err = run("extract", "--jsonl", "-q", os.path.join(REPO, rel))
    lines = out.splitlines()
    if len(lines) != 1:
        fail(f"{rel}: {len(lines)} records; exit {rc}; stderr {err[-400:]}")
        return None
    rec = json.loads(lines[0])
    for e in list(SCHEMA.iter_errors(rec))[:1]:
        fail(f"{rel}: schema: {e.message}")
    return rec


def check_item_lists():
    """Items written as paragraphs, not table rows (tests/data/docx/item_list.docx and the PDF
    LibreOffice made of it): each item with its status, units and a source line; text that only
    starts like an item (no check boxes) is no item."""
    want = {"O1": ("done", ["สำนักปลัด"]), "O2": ("done", ["กองคลัง"]),
            "O3": ("not_done", ["กองยุทธศาสตร์และงบประมาณ"]), "O4": ("done", ["กองยุทธศาสตร์และงบประมาณ"])}
    for rel in ("tests/data/docx/item_list.docx", "tests/data/pdf/item_list.pdf"):
        rec = extract_one(rel)
        if rec is None:
            continue
        got = {i["code"]: i for i in rec["items"]}
        if sorted(got) != sorted(want):
            fail(f"{rel}: items {sorted(got)}, expected {sorted(want)}")
        for code, (status, units) in want.items():
            it = got.get(code)
            if not it:
                continue
            if it["status"] != status:
                fail(f"{rel} {code}: status {it['status']}, expected {status}")
            if it["responsible"] != units:
                fail(f"{rel} {code}: responsible {it['responsible']}, expected {units}")
            src = it["source"]
            if src["rule"] != "item.line" or not src["text"].endswith(code[1:]) and code != "O3":
                fail(f"{rel} {code}: source {src}")
            if rel.endswith(".pdf") and (src["page"] != 1 or not src["bbox"] or " line " not in src["locator"]):
                fail(f"{rel} {code}: a PDF item's source needs its page, box and line: {src}")
            if rel.endswith(".docx") and not src["locator"].startswith("paragraph "):
                fail(f"{rel} {code}: source {src}")
        o3 = got.get("O3", {})
        if o3.get("code_text") != "ข้อ ๐๓" or "15 มีนาคม 2566" not in o3.get("progress", ""):
            fail(f"{rel} O3: code_text {o3.get('code_text')!r}, progress {o3.get('progress')!r}")
        # In the PDF, O3's title line and its detail line are Thai at both ends of the break: only
        # the layout's hard break (the title line ends far short of the column) keeps them apart.
        if o3.get("title") != "อำนาจหน้าที่" or got.get("O1", {}).get("title") != "โครงสร้าง":
            fail(f"{rel}: titles {[i.get('title') for i in rec['items']]}")
        missing = {f["target"] for f in rec["flags"] if f["code"] == "missing_item"}
        if "O5" not in missing or "O1" in missing:
            fail(f"{rel}: missing_item flags for {sorted(missing)[:6]}...")
        if rec["agency"]["name"] != "องค์การบริหารส่วนตำบลบ้านใหม่" or rec["fiscal_year"] != 2566:
            fail(f"{rel}: agency {rec['agency']['name']!r}, year {rec['fiscal_year']}")


# ---------------------------------------------------------------------------
# PDF samples and damaged PDFs
# ---------------------------------------------------------------------------

def run_timed(*args, timeout=60):
    """run() that reports a timeout or a crash as a failure; returns None then."""
    t0 = time.monotonic()
    try:
        rc, out, err = run(*args, timeout=timeout)
    except subprocess.TimeoutExpired:
        fail(f"itax {' '.join(args)}: no answer within {timeout} s")
        return None
    if rc < 0:
        fail(f"itax {' '.join(args)}: killed by signal {-rc}; stderr {err[-1000:]}")
        return None
    return rc, out, err, time.monotonic() - t0


def summary(rec):
    """What must not depend on the format: the record without its provenance."""
    return {
        "agency": {k: rec["agency"].get(k) for k in ("name", "kind", "subdistrict", "district", "province")},
        "fiscal_year": rec["fiscal_year"],
        "ita": {k: rec["ita"].get(k) for k in ("score", "result")},
        "measures": [(m["no"], m["responsible"], m["indicator_refs"]) for m in rec["measures"]],
        "indicators": [(i["no"], i["status"], i["responsible"]) for i in rec["indicators"]],
        "items": [(i["code"], i["subindicator"], i["status"], i["responsible"]) for i in rec["items"]],
    }


def compare_formats(where, pdf_rec, docx_rec):
    """The PDF record must say what the DOCX record of the same report says."""
    p, d = summary(pdf_rec), summary(docx_rec)
    for k in ("agency", "fiscal_year", "ita"):
        if p[k] != d[k]:
            fail(f"{where}: {k} = {p[k]}, DOCX says {d[k]}")
    for k, label in (("measures", "measure"), ("indicators", "indicator"), ("items", "item")):
        pk = {row[0]: row for row in p[k]}
        dk = {row[0]: row for row in d[k]}
        if len(p[k]) != len(pk):
            fail(f"{where}: a {label} appears twice: {[row[0] for row in p[k]]}")
        for key in dk:
            if key not in pk:
                fail(f"{where}: {label} {key} missing (DOCX has {dk[key]})")
            elif pk[key] != dk[key]:
                fail(f"{where}: {label} {key} = {pk[key][1:]}, DOCX says {dk[key][1:]}")
        extra = [key for key in pk if key not in dk]
        if extra:
            fail(f"{where}: {label}s {extra} are not in the DOCX record")
        if [row[0] for row in p[k]] != [row[0] for row in d[k]] and not extra:
            fail(f"{where}: {label}s in order {[row[0] for row in p[k]]}, DOCX {[row[0] for row in d[k]]}")


def check_pdf_location(where, loc, page_count):
    """A PDF value's source: a page in the file and a bounding box on it."""
    page, bbox = loc.get("page"), loc.get("bbox")
    if not isinstance(page, int) or page < 1 or (page_count and page > page_count):
        return f"page {page!r} (the file has {page_count})"
    if not isinstance(bbox, list) or len(bbox) != 4:
        return f"bbox {bbox!r}"
    x0, y0, x1, y1 = bbox
    if not (0 <= x0 <= x1 <= 2000 and 0 <= y0 <= y1 <= 2000):
        return f"bbox {bbox} is not [x0, y0, x1, y1] in points on a page"
    return None


def pdftotext_words(pdf, page):
    """Words of one page with their boxes, from pdftotext -bbox-layout (points, top-left origin)."""
    p = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), pdf, "-"],
                       capture_output=True, text=True, timeout=60)
    words = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                         p.stdout):
        words.append((m.group(5), tuple(float(m.group(i)) for i in range(1, 5))))
    return words


def code_boxes(words, written):
    """Boxes of the places where `written` appears among pdftotext's words: one word equal to it
    (or starting with it and going on with a non-digit), or pieces that spell it: side by side
    ("O" "๑๒", where pdftotext sees a gap) or on consecutive lines of the same column (a code
    wrapped in a narrow column: "0" above "๓1"). A place made of pieces is the union of their
    boxes."""
    # Digits compare by value: itax reads "0๓1" as one number and may write it "031".
    fold = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
    written = written.translate(fold)
    words = [(text.translate(fold), box) for text, box in words]
    found = []
    for text, box in words:
        if text.startswith(written) and (text == written or not text[len(written)].isdigit()):
            found.append(box)

    def follows(last, box):
        """`box` continues the code after `last`: right after it on the same line, or on the
        next line of the same column."""
        h = last[3] - last[1]
        same_line = abs(box[3] - last[3]) < 0.2 * h and last[2] - 1 <= box[0] < last[2] + 0.6 * h
        same_column = abs(box[0] - last[0]) < 20 or (box[0] < last[2] and last[0] < box[2])
        next_line = same_column and last[1] + 0.5 * h < box[1] < last[3] + h
        return same_line or next_line

    def extend(acc, boxes):
        if acc == written:
            found.append((min(b[0] for b in boxes), min(b[1] for b in boxes),
                          max(b[2] for b in boxes), max(b[3] for b in boxes)))
            return
        for text, box in words:
            if text and written.startswith(acc + text) and follows(boxes[-1], box):
                extend(acc + text, boxes + [box])

    for text, box in words:
        if text and text != written and written.startswith(text):
            extend(text, [box])
    return found


def encloses(outer, inner, tol=1.5):
    return (outer[0] - tol <= inner[0] and outer[1] - tol <= inner[1]
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


# The item whose bounding box is checked against Poppler's own word boxes, in
# every PDF sample that has it (each code is checked as it is written there).
BBOX_SAMPLES = ("ko_2566_content_controls.pdf", "thai_digits_formfields.pdf",
                "other_agency_wingdings.pdf", "narrow_columns_wraps.pdf", "pua_glyphs.pdf")
MIN_PDF_SAMPLES = set(BBOX_SAMPLES)


def check_item_bboxes(name, rec):
    """Each item's bbox encloses the characters of its code on its page, as pdftotext -bbox-layout places them."""
    pdf = os.path.join(SAMPLES, name)
    words_by_page = {}
    checked = 0
    for it in rec["items"]:
        src = it["source"]
        written = re.sub(r"\s+", "", it.get("code_text") or "")
        if not written or not isinstance(src.get("page"), int) or not isinstance(src.get("bbox"), list):
            continue
        if src["page"] not in words_by_page:
            words_by_page[src["page"]] = pdftotext_words(pdf, src["page"])
        cands = code_boxes(words_by_page[src["page"]], written)
        if not cands:
            fail(f"{name}: {it['code']}: '{written}' is not a word on page {src['page']} per pdftotext")
            continue
        checked += 1
        if not any(encloses(src["bbox"], box) for box in cands):
            fail(f"{name}: {it['code']}: bbox {src['bbox']} on page {src['page']} does not enclose "
                 f"'{written}' at {[list(b) for b in cands]} (pdftotext -bbox-layout)")
    if checked < len(rec["items"]) // 2:
        fail(f"{name}: only {checked} of {len(rec['items'])} items could be checked against pdftotext boxes")


def check_pdf_samples():
    """Each PDF sample gives an ok record; a PDF made from a DOCX sample says exactly what the DOCX says;
    the others match their hand-written expected files; every PDF item carries a page and a bbox, and the
    bbox encloses the item code's characters as Poppler places them."""
    out = tempfile.mkdtemp(prefix="itax_e2e_")
    try:
        pdfs = sample_pdfs()
        missing = sorted(MIN_PDF_SAMPLES - set(pdfs))
        if missing:
            fail(f"PDF samples missing from samples/: {missing} (scripts/make_pdf_samples.py)")
        r = run_timed("extract", SAMPLES, "--out", out, "-q", timeout=600)
        if r is None:
            return
        rc, _, err, secs = r
        print(f"extract samples/ ({len(pdfs)} PDF, {len(sample_docs())} DOCX): exit {rc}, {secs:.1f} s")
        if rc != 0:
            fail(f"extract samples/ exited {rc}: {err[-2000:]}")
        written = set(os.listdir(out))
        for name in pdfs:
            path = os.path.join(out, name + ".json")
            if name + ".json" not in written:
                fail(f"{name}: no record written")
                continue
            rec = load_valid(path)
            if rec["status"] != "ok":
                fail(f"{name}: status {rec['status']} {rec['error']}")
                continue
            if rec["source"]["format"] != "pdf":
                fail(f"{name}: source.format {rec['source']['format']!r}")
            pages = rec["source"]["pages"]
            if not pages:
                fail(f"{name}: source.pages {pages!r}")
            if any(f["code"] == "no_text_layer" for f in rec["flags"]):
                fail(f"{name}: flagged no_text_layer")

            stem = name[:-len(".pdf")]
            docx = stem + ".docx"
            if os.path.exists(os.path.join(SAMPLES, docx)):
                # Format invariance: same report, same answers.
                drec_path = os.path.join(out, docx + ".json")
                if os.path.exists(drec_path):
                    drec = load_valid(drec_path)
                    if drec["status"] == "ok":
                        compare_formats(f"{name} vs {docx}", rec, drec)
                exp_path = os.path.join(EXPECTED, docx + ".json")
            else:
                exp_path = os.path.join(EXPECTED, name + ".json")
            if os.path.exists(exp_path):
                with open(exp_path, encoding="utf-8") as f:
                    compare(name, rec, json.load(f))
            else:
                fail(f"{name}: no expected file {exp_path}")

            # Provenance: page and bbox on every item and indicator.
            bad = 0
            for it in rec["items"] + rec["indicators"]:
                what = it.get("code", it.get("no"))
                problem = check_pdf_location(name, it["source"], pages)
                if problem or it["source"]["rule"] is None:
                    bad += 1
                    if bad <= 5:
                        fail(f"{name}: {what}: source {problem or 'has no rule'}: {it['source']}")
            if bad > 5:
                fail(f"{name}: {bad - 5} more values without page/bbox/rule")
            if name in BBOX_SAMPLES and not bad:
                check_item_bboxes(name, rec)
        # The records do not depend on how many threads read the pages and
        # repaired the text (the default above is one per core, up to 4).
        for threads in ("1", "3"):
            other = tempfile.mkdtemp(prefix="itax_e2e_threads_")
            try:
                rc, _, err = run("extract", SAMPLES, "--out", other, "-q", "--threads", threads)
                if rc != 0:
                    fail(f"extract samples/ --threads {threads} exited {rc}: {err[-2000:]}")
                for name in sorted(written):
                    with open(os.path.join(out, name), "rb") as a, open(os.path.join(other, name), "rb") as b:
                        if a.read() != b.read():
                            fail(f"{name}: the record with --threads {threads} differs from the default's")
            finally:
                shutil.rmtree(other)
    finally:
        shutil.rmtree(out)


# Damaged PDF -> (status, error codes accepted, flag that must be raised).
BAD_PDFS = {
    "truncated_10.pdf": ("error", {"bad_pdf"}, None),
    "truncated_50.pdf": ("error", {"bad_pdf"}, None),
    "truncated_90.pdf": ("error", {"bad_pdf"}, None),
    "header_only.pdf": ("error", {"bad_pdf"}, None),
    "encrypted_aes128.pdf": ("error", {"encrypted"}, None),
    "encrypted_aes256.pdf": ("error", {"encrypted"}, None),
    "encrypted_owner_only.pdf": ("ok", None, None),
    "empty.pdf": ("error", {"empty_file"}, None),
    "html_renamed.pdf": ("error", {"unsupported_format"}, None),
    "scanned_no_text.pdf": ("ok", None, "no_text_layer"),
}


def check_bad_pdf_record(name, rec):
    status, codes, flag = BAD_PDFS[name]
    if rec["status"] != status:
        fail(f"{name}: status {rec['status']} (error {rec['error']}), expected {status}"
             + (f" with {codes}" if codes else ""))
        return
    if status == "error":
        if rec["error"]["code"] not in codes:
            fail(f"{name}: error {rec['error']}, expected one of {codes}")
        elif len(rec["error"]["message"]) < 10:
            fail(f"{name}: message too short: {rec['error']['message']!r}")
        if rec["items"] or rec["indicators"] or rec["measures"]:
            fail(f"{name}: error record with extracted values")
    else:
        if rec["error"] is not None:
            fail(f"{name}: ok record with error {rec['error']}")
        if rec["source"]["pages"] != 2:
            fail(f"{name}: source.pages {rec['source']['pages']}, expected 2")
    flags = [f["code"] for f in rec["flags"]]
    if flag and flag not in flags:
        fail(f"{name}: flags {flags}, expected {flag}")
    if flag == "no_text_layer" and (rec["items"] or rec["indicators"] or rec["measures"]):
        fail(f"{name}: no text layer, yet {len(rec['items'])} items, {len(rec['indicators'])} indicators, "
             f"{len(rec['measures'])} measures")


def check_bad_pdfs():
    """Each damaged PDF gives exactly one record with the expected status, error code or flag, within 60 s
    and without a crash; a run over all of them exits 1."""
    fixtures = sorted(f for f in os.listdir(BAD_PDF) if f.endswith(".pdf"))
    for f in fixtures:
        if f not in BAD_PDFS:
            fail(f"fixture {f} has no expected outcome in run_e2e.py")
    for f in BAD_PDFS:
        if f not in fixtures:
            fail(f"fixture {f} missing from tests/data/bad_pdf (tests/data/make_bad_pdfs.py)")
    out = tempfile.mkdtemp(prefix="itax_e2e_")
    seen = {}        # fixture -> (status, error code) from the run over the directory
    try:
        r = run_timed("extract", BAD_PDF, "--out", out, "-q", timeout=60)
        if r is not None:
            rc, _, err, secs = r
            print(f"extract tests/data/bad_pdf/ ({len(fixtures)} files): exit {rc}, {secs:.1f} s")
            if rc != 1:
                fail(f"extract bad_pdf/: exit {rc}, expected 1; stderr {err[-1000:]}")
            written = sorted(os.listdir(out))
            if written != sorted(f + ".json" for f in fixtures):
                fail(f"records written {written}, expected one per fixture")
            for name in fixtures:
                path = os.path.join(out, name + ".json")
                if name in BAD_PDFS and os.path.exists(path):
                    rec = load_valid(path)
                    seen[name] = (rec["status"], (rec["error"] or {}).get("code"))
                    check_bad_pdf_record(name, rec)
        # One at a time: one line each, the exit code of that record alone.
        for name in fixtures:
            if name not in BAD_PDFS:
                continue
            r = run_timed("extract", "--jsonl", "-q", os.path.join(BAD_PDF, name), timeout=60)
            if r is None:
                continue
            rc, stdout, err, secs = r
            lines = [l for l in stdout.splitlines() if l.strip()]
            if len(lines) != 1:
                fail(f"{name} alone: {len(lines)} records; exit {rc}; stderr {err[-500:]}")
                continue
            rec = json.loads(lines[0])
            errors = list(SCHEMA.iter_errors(rec))
            if errors:
                fail(f"{name} alone: schema: {errors[0].message}")
            got = (rec["status"], (rec["error"] or {}).get("code"))
            if name not in seen:
                check_bad_pdf_record(name, rec)
            elif got != seen[name]:
                fail(f"{name} alone: {got}, but {seen[name]} in the run over the directory")
            want = 1 if BAD_PDFS[name][0] == "error" else 0
            if rc != want:
                fail(f"{name} alone: exit {rc}, expected {want} (status {rec['status']})")
            print(f"  {name:26} {rec['status']:5} {(rec['error'] or {}).get('code', '-'):20} "
                  f"flags {[f['code'] for f in rec['flags']]} {secs:.1f} s")
    finally:
        shutil.rmtree(out)


def check_explain():
    """itax explain shows the text, rule and place behind a value, and why each flag was raised."""
    doc = os.path.join(SAMPLES, "ko_2566_content_controls.docx")
    rc, out, err = run("explain", doc, "--item", "O14")
    if rc != 0:
        fail(f"explain --item O14: exit {rc}: {err}")
    for want in ("O14", "item.code", "table", "สำนักปลัด", "กองยุทธศาสตร์และงบประมาณ", "status.done"):
        if want not in out:
            fail(f"explain --item O14 lacks {want!r}:\n{out}")
    if "measure 1" in out or "indicator 4" in out:
        fail("explain --item O14 shows other records")
    rc, out, err = run("explain", doc)
    if rc != 0:
        fail(f"explain: exit {rc}")
    for want in ("foreign_agency indicator 4", "เทศบาลตำบลร้อยเอ็ด", "because of", "date_outside_fiscal_year",
                 "2024-02-16", "agency.name", "report.fiscal_year"):
        if want not in out:
            fail(f"explain lacks {want!r}")
    rc, out, err = run("explain", os.path.join(BAD, "xxe.docx"))
    if rc != 1 or "ERROR xml_entities" not in out:
        fail(f"explain on a bad file: exit {rc}, {out!r}")


# ---------------------------------------------------------------------------
# itax batch and itax merge (issue 5)
# ---------------------------------------------------------------------------

import csv
import io
import signal
import sqlite3
import zipfile

TIMESTAMP_COLUMNS = {"processed_at", "elapsed_ms"}


def make_variants(dest, count, kinds=("docx",)):
    """`count` distinct documents in `dest` made from the samples: a DOCX rewritten with a zip
    comment naming the variant, a PDF with a comment line appended after %%EOF. Each has its own
    bytes (so its own sha256) and extracts exactly like its sample. Returns the paths."""
    bases = [f for f in sorted(os.listdir(SAMPLES)) if f.endswith(tuple("." + k for k in kinds))]
    paths = []
    for i in range(count):
        base = bases[i % len(bases)]
        stem, ext = os.path.splitext(base)
        path = os.path.join(dest, f"{stem}_v{i:04d}{ext}")
        if ext == ".docx":
            with zipfile.ZipFile(os.path.join(SAMPLES, base)) as zin, \
                 zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist():
                    zout.writestr(info, zin.read(info.filename))
                zout.comment = f"itax test variant {i}".encode()
        else:
            shutil.copyfile(os.path.join(SAMPLES, base), path)
            with open(path, "ab") as f:
                f.write(f"\n%itax test variant {i}\n".encode())
        paths.append(path)
    return paths


def run_env(args, env_extra=None, timeout=300, stdin=None):
    env = dict(os.environ)
    env.pop("ITAX_TEST_FAULT", None)
    env.update(env_extra or {})
    p = subprocess.run([ITAX, *args], capture_output=True, text=True, timeout=timeout, env=env, input=stdin)
    return p.returncode, p.stdout, p.stderr


def store_rows(db):
    """Every row of every table of a store, timestamps left out, sorted: what must not depend on
    how the run was split."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = {}
    try:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in TIMESTAMP_COLUMNS]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    finally:
        con.close()
    return out


def query(db, sql, *args):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def read_csv(path):
    with open(path, "rb") as f:
        raw = f.read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail(f"{os.path.basename(path)} does not start with a UTF-8 BOM")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def check_outputs_match_store(out, where):
    """results.jsonl, summary.csv and flags.csv list every stored document exactly once."""
    db = os.path.join(out, "itax.sqlite")
    docs = query(db, "SELECT doc, path, status FROM documents")
    recs = read_jsonl(os.path.join(out, "results.jsonl"))
    for r in recs[:50]:
        errors = list(SCHEMA.iter_errors(r))
        if errors:
            fail(f"{where}: results.jsonl record {r['source']['file']}: schema: {errors[0].message}")
    rec_paths = sorted(r["source"]["path"] for r in recs)
    if rec_paths != sorted(d[1] for d in docs):
        fail(f"{where}: results.jsonl has {len(recs)} records for {len(docs)} stored documents")
    if len(set(rec_paths)) != len(rec_paths):
        fail(f"{where}: results.jsonl repeats a document")
    summary = read_csv(os.path.join(out, "summary.csv"))
    if sorted(r["path"] for r in summary) != sorted(d[1] for d in docs):
        fail(f"{where}: summary.csv has {len(summary)} rows for {len(docs)} stored documents")
    flags = read_csv(os.path.join(out, "flags.csv"))
    nflags = query(db, "SELECT count(*) FROM flags")[0][0]
    if len(flags) != nflags:
        fail(f"{where}: flags.csv has {len(flags)} rows, the store {nflags} flags")
    return docs, recs, summary


def check_batch():
    """itax batch: one record per document in the store, results.jsonl, summary.csv, flags.csv and
    DIR/<file>.json; exit 1 with error records; a rerun skips what is stored, --force redoes it;
    inputs from stdin with --jsonl."""
    tmp = tempfile.mkdtemp(prefix="itax_batch_")
    try:
        out = os.path.join(tmp, "out")
        docs = [os.path.join(SAMPLES, d) for d in sample_docs()]
        dup = os.path.join(tmp, "copy_of_first.docx")
        shutil.copyfile(docs[0], dup)
        bad = [os.path.join(BAD, "empty.docx"), os.path.join(BAD, "xxe.docx"), "/nonexistent/x.docx"]
        rc, _, err = run_env(["batch", *docs, dup, *bad, "--out", out, "--jobs", "2"])
        if rc != 1:
            fail(f"batch with bad inputs: exit {rc}, expected 1; stderr {err[-1500:]}")
        for want in ("processed", "errors:", "empty_file", "outputs:", "summary.csv", "1 duplicate"):
            if want not in err:
                fail(f"batch summary on stderr lacks {want!r}: {err[-1500:]}")
        db = os.path.join(out, "itax.sqlite")
        stored, recs, summary = check_outputs_match_store(out, "batch")
        if len(stored) != len(docs) + len(bad):
            fail(f"{len(stored)} documents stored, expected {len(docs) + len(bad)} (the copy is the same document)")
        status = {os.path.basename(p): s for _, p, s in stored}
        for d in docs:
            if status.get(os.path.basename(d)) != "ok":
                fail(f"{os.path.basename(d)}: stored status {status.get(os.path.basename(d))}")
        codes = sorted(r[0] for r in query(db, "SELECT error_code FROM documents WHERE status='error'"))
        if codes != ["empty_file", "not_found", "xml_entities"]:
            fail(f"stored error codes {codes}")
        for d in docs + bad:
            path = os.path.join(out, os.path.basename(d) + ".json")
            if not os.path.exists(path):
                fail(f"no {path}")
            else:
                load_valid(path)
        # summary.csv agrees with the records and the expected files.
        for row in summary:
            exp_path = os.path.join(EXPECTED, row["file"] + ".json")
            if row["status"] == "ok" and os.path.exists(exp_path):
                with open(exp_path, encoding="utf-8") as f:
                    exp = json.load(f)
                if row["agency"] != exp["agency"]["name"] or row["province"] != (exp["agency"]["province"] or ""):
                    fail(f"summary.csv {row['file']}: agency {row['agency']!r} / {row['province']!r}")
                if int(row["year"]) != exp["fiscal_year"]:
                    fail(f"summary.csv {row['file']}: year {row['year']}")
                done = sum(1 for it in exp["items"] if it["status"] == "done")
                if int(row["items_done"]) != done:
                    fail(f"summary.csv {row['file']}: items_done {row['items_done']}, expected {done}")
        # The obvious question: which agencies of a province miss O33?
        q = query(db, "SELECT d.agency FROM documents d JOIN flags f ON f.doc = d.doc "
                      "WHERE d.province = ? AND f.code = 'missing_item' AND f.target = 'O33'", "x")
        if q is None:
            fail("province query failed")
        plan = " ".join(str(r) for r in query(db, "EXPLAIN QUERY PLAN SELECT doc FROM flags WHERE code='missing_item' AND target='O33'"))
        if "flags_code" not in plan:
            fail(f"flag query does not use the index: {plan}")

        before = dict(query(db, "SELECT doc, processed_at FROM documents WHERE status='ok'"))
        rc, _, err = run_env(["batch", *docs, dup, *bad, "--out", out, "--jobs", "2"])
        if rc != 1:
            fail(f"rerun: exit {rc}, expected 1 (the stored error records still count)")
        if "4 already stored (1 error records)" not in err:
            fail(f"rerun does not report the stored documents: {err[-800:]}")
        after = dict(query(db, "SELECT doc, processed_at FROM documents WHERE status='ok'"))
        if after != before:
            fail("rerun redid documents already stored")
        check_outputs_match_store(out, "rerun")

        rc, _, err = run_env(["batch", *docs, "--out", out, "--jobs", "2", "--force", "-q"])
        if rc != 0:
            fail(f"--force over good documents: exit {rc}, expected 0; {err[-800:]}")
        redone = dict(query(db, "SELECT doc, processed_at FROM documents WHERE status='ok'"))
        if any(redone[k] == before[k] for k in before):
            fail("--force did not redo every document")
        if len(query(db, "SELECT doc FROM documents")) != len(stored):
            fail("--force changed the number of stored documents")

        # Paths on stdin, records streamed with --jsonl (stored ones too).
        out2 = os.path.join(tmp, "out2")
        rc, stdout, err = run_env(["batch", "-", "--out", out2, "--jsonl", "-q", "--no-json-files"],
                                  stdin="\n".join(docs + [bad[0]]) + "\n")
        lines = [json.loads(l) for l in stdout.splitlines() if l.strip()]
        if rc != 1 or len(lines) != len(docs) + 1:
            fail(f"batch - --jsonl: exit {rc}, {len(lines)} lines for {len(docs) + 1} paths; {err[-800:]}")
        for r in lines:
            if list(SCHEMA.iter_errors(r)):
                fail(f"--jsonl record {r['source']['file']} does not validate")
        if any(f.endswith(".docx.json") for f in os.listdir(out2)):
            fail("--no-json-files wrote JSON files")
        rc, stdout, _ = run_env(["batch", "-", "--out", out2, "--jsonl", "-q"], stdin="\n".join(docs) + "\n")
        if rc != 0 or len(stdout.splitlines()) != len(docs):
            fail(f"rerun with --jsonl: exit {rc}, {len(stdout.splitlines())} lines (stored records are streamed too)")
    finally:
        shutil.rmtree(tmp)


def check_batch_faults():
    """A crash, an abort, a hang and a memory hog in one worker each give their error record
    (crashed, timeout, out_of_memory) while the other documents succeed; exit 1. The faults come
    from the test-only ITAX_TEST_FAULT switch, which only batch workers read."""
    tmp = tempfile.mkdtemp(prefix="itax_batch_")
    try:
        ins = os.path.join(tmp, "in")
        os.mkdir(ins)
        paths = make_variants(ins, 8)
        named = {}
        for p, tag in zip(paths, ["crashme", "abortme", "hangme", "hogme"]):
            q = os.path.join(ins, f"{tag}_{os.path.basename(p)}")
            os.rename(p, q)
            named[tag] = q
        out = os.path.join(tmp, "out")
        t0 = time.monotonic()
        # Generous next to a good document (~0.05 s of CPU), so only the hang meets the timeout even on
        # a busy machine; scaled for sanitizer builds, which are slower and bigger.
        timeout = f"{8 * TIME_FACTOR:g}"
        max_memory = str(int(128 * MEM_FACTOR))
        rc, _, err = run_env(["batch", ins, "--out", out, "--jobs", "2", "--timeout", timeout, "--max-memory", max_memory],
                             {"ITAX_TEST_FAULT": "crash:crashme,abort:abortme,hang:hangme,oom:hogme"})
        secs = time.monotonic() - t0
        print(f"batch with 4 faulty documents of 8: exit {rc}, {secs:.1f} s")
        if rc != 1:
            fail(f"exit {rc}, expected 1; stderr {err[-1500:]}")
        db = os.path.join(out, "itax.sqlite")
        got = {os.path.basename(p): (s, c) for p, s, c in query(db, "SELECT path, status, error_code FROM documents")}
        want = {"crashme": "crashed", "abortme": "crashed", "hangme": "timeout", "hogme": "out_of_memory"}
        for tag, code in want.items():
            name = os.path.basename(named[tag])
            if got.get(name) != ("error", code):
                fail(f"{name}: stored {got.get(name)}, expected ('error', {code!r})")
            rec_path = os.path.join(out, name + ".json")
            if not os.path.exists(rec_path):
                fail(f"{name}: no JSON record")
            else:
                rec = load_valid(rec_path)
                if rec["error"]["code"] != code or not rec["source"]["sha256"]:
                    fail(f"{name}: record error {rec['error']}, sha256 {rec['source']['sha256']}")
        ok = [n for n, (s, _) in got.items() if s == "ok"]
        if len(ok) != 4 or len(got) != 8:
            fail(f"{len(ok)} ok of {len(got)} stored, expected 4 of 8: {got}")
        check_outputs_match_store(out, "faults")
        # Without the switch the same documents are fine: --retry-errors redoes the failed ones.
        rc, _, err = run_env(["batch", ins, "--out", out, "--jobs", "2", "--retry-errors", "-q"])
        if rc != 0:
            fail(f"rerun without faults, --retry-errors: exit {rc}; {err[-800:]}")
        if query(db, "SELECT count(*) FROM documents WHERE status='ok'")[0][0] != 8:
            fail("--retry-errors did not redo the failed documents")
    finally:
        shutil.rmtree(tmp)


def worker_processes(marker):
    """Processes whose command line mentions `marker` (a batch and its forked workers)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if marker.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def check_store_whole(db, where):
    """Every stored document is whole: the database is intact and each document's rows in items,
    indicators, measures and flags are exactly those of its stored record (a kill leaves a document
    either whole or absent, never half-written)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            fail(f"{where}: integrity_check says {ok}")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:  # killed before the schema was committed: an empty store
            return 0
        counts = {}
        for table in ("items", "indicators", "measures", "flags"):
            for doc, n in con.execute(f"SELECT doc, count(*) FROM {table} GROUP BY doc"):
                counts[(table, doc)] = n
        docs = con.execute("SELECT doc, record FROM documents").fetchall()
        for doc, record in docs:
            rec = json.loads(record)
            for table in ("items", "indicators", "measures", "flags"):
                want, got = len(rec.get(table) or []), counts.pop((table, doc), 0)
                if want != got:
                    fail(f"{where}: document {doc[:12]} has {got} {table} rows, its record {want}")
        if counts:
            fail(f"{where}: rows of documents that are not stored: {sorted(counts)[:5]}")
        return len(docs)
    finally:
        con.close()


def check_batch_kill():
    """SIGKILL a batch of 20 documents at random moments, four times (once while it starts, three
    times while documents are being stored or, once all are, replaced with --force), checking after
    each kill that every stored document is whole and none was lost; then rerun: every document is in the store and in results.jsonl exactly once, none lost,
    none doubled, no worker outlives its batch, and the rerun clears the temporary files the killed
    runs left. ITAX_KILL_SEED=N repeats a run's kill moments."""
    import random
    seed = int(os.environ.get("ITAX_KILL_SEED") or random.SystemRandom().randrange(1 << 30))
    rng = random.Random(seed)
    print(f"kill moments from seed {seed} (ITAX_KILL_SEED={seed} repeats them)")
    tmp = tempfile.mkdtemp(prefix="itax_batch_")
    try:
        ins = os.path.join(tmp, "in")
        os.mkdir(ins)
        paths = make_variants(ins, 20)
        out = os.path.join(tmp, "out")
        db = os.path.join(out, "itax.sqlite")
        args = [ITAX, "batch", ins, "--out", out, "--jobs", "2", "-q"]
        # Kill 1: a random moment in the first 1.2 s (the store opening, the workers starting, the
        # first records). Kills 2-4: once a random number of this run's documents is stored, plus a
        # random delay (in the middle of parsing, sending, storing or committing the next ones). A run
        # that finds everything stored redoes it with --force, so its kill hits documents being
        # replaced: each must stay stored, old or new, never lost.
        plans = [(None, rng.uniform(0.0, 1.2))] + [(rng.random(), rng.uniform(0.0, 0.25)) for _ in range(3)]
        mid_run = 0

        def stored_since(mark):
            try:
                return query(db, "SELECT count(*) FROM documents WHERE processed_at > ?", mark)[0][0]
            except sqlite3.Error:  # not created yet, or being created
                return 0

        for share, extra in plans:
            before, mark = 0, ""
            try:
                before, mark = query(db, "SELECT count(*), coalesce(max(processed_at), '') FROM documents")[0]
            except sqlite3.Error:  # no store yet, or killed before its tables were committed
                pass
            force = before == len(paths)
            left_to_do = len(paths) if force else len(paths) - before
            # Wait for 1 .. (all but one) of the documents this run has to store.
            wait_docs = None if share is None else 1 + int(share * max(0, left_to_do - 2))
            # Every document waits 150 ms in its worker (test fault `slow`), so the batch is
            # still busy at the kill moments however fast the machine is.
            p = subprocess.Popen(args + (["--force"] if force else []), stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=dict(os.environ, ITAX_TEST_FAULT="slow:_v"))
            deadline = time.monotonic() + 120
            while wait_docs is not None and time.monotonic() < deadline and p.poll() is None:
                if stored_since(mark) >= wait_docs:
                    break
                time.sleep(0.01)
            time.sleep(extra)
            running = p.poll() is None
            p.send_signal(signal.SIGKILL)
            p.wait()
            time.sleep(0.3)
            left = worker_processes(out)
            if left:
                fail(f"workers outlived the killed batch: {left}")
                for pid in left:
                    os.kill(pid, signal.SIGKILL)
            stored = check_store_whole(db, "after a kill") if os.path.exists(db) else 0
            redone = stored_since(mark) if mark else stored
            if stored < before:
                fail(f"a kill during a run lost stored documents: {stored} stored, {before} before")
            if running and redone < left_to_do:
                mid_run += 1
            print(f"killed the batch{' --force' if force else ''} {'while running' if running else 'after it had ended'} "
                  f"(waited for {wait_docs} document(s), then {extra:.3f} s): {stored} of {len(paths)} stored, "
                  f"{redone} of them by this run")
        if mid_run == 0:
            fail("no kill hit the batch while it had documents left to store: the test proved nothing")
        rc, _, err = run_env(args[1:])
        if rc != 0:
            fail(f"rerun after kills: exit {rc}; {err[-1000:]}")
        check_store_whole(db, "after the rerun")
        rows = query(db, "SELECT path, count(*) FROM documents GROUP BY path")
        if sorted(r[0] for r in rows) != sorted(paths) or any(r[1] != 1 for r in rows):
            fail(f"store after kill and rerun: {len(rows)} paths for {len(paths)} inputs")
        recs = read_jsonl(os.path.join(out, "results.jsonl"))
        if sorted(r["source"]["path"] for r in recs) != sorted(paths):
            fail(f"results.jsonl after kill and rerun: {len(recs)} records for {len(paths)} inputs")
        bad = [r["source"]["file"] for r in recs if r["status"] != "ok"]
        if bad:
            fail(f"error records after kill and rerun: {bad}")
        check_outputs_match_store(out, "kill")
        for p in paths:
            if not os.path.exists(os.path.join(out, os.path.basename(p) + ".json")):
                fail(f"no JSON record for {os.path.basename(p)} after kill and rerun")
        leftovers = [f for f in os.listdir(out) if ".tmp." in f]
        if leftovers:
            fail(f"temporary files of the killed runs are still there after the rerun: {leftovers}")
    finally:
        shutil.rmtree(tmp)


def check_batch_shards():
    """The same inputs (DOCX and PDF, good and bad) as one batch and as 3 shards merged give identical
    stores (every row of every table, timestamps aside) and identical summary.csv; merging twice
    changes nothing, and neither does the order of the shards."""
    tmp = tempfile.mkdtemp(prefix="itax_batch_")
    try:
        ins = os.path.join(tmp, "in")
        os.mkdir(ins)
        make_variants(ins, 12)
        make_variants(ins, 3, ("pdf",))
        for b in ("empty.docx", "xxe.docx"):
            shutil.copyfile(os.path.join(BAD, b), os.path.join(ins, b))
        listing = "\n".join(sorted(os.path.join(ins, f) for f in os.listdir(ins))) + "\n/nonexistent/gone.docx\n"
        whole = os.path.join(tmp, "whole")
        rc, _, err = run_env(["batch", "-", "--out", whole, "--jobs", "2", "-q"], stdin=listing)
        if rc != 1:
            fail(f"whole run: exit {rc}, expected 1 (three bad inputs); {err[-800:]}")
        shard_dbs = []
        total = 0
        for k in range(3):
            out = os.path.join(tmp, f"shard{k}")
            rc, _, err = run_env(["batch", "-", "--out", out, "--jobs", "2", "--shard", f"{k}/3"], stdin=listing)
            if rc not in (0, 1):
                fail(f"shard {k}/3: exit {rc}; {err[-800:]}")
            db = os.path.join(out, "itax.sqlite")
            n = query(db, "SELECT count(*) FROM documents")[0][0]
            print(f"shard {k}/3: {n} documents")
            total += n
            shard_dbs.append(db)
        if total != 18:
            fail(f"the shards hold {total} documents, expected 18 (each input in exactly one)")
        merged_dir = os.path.join(tmp, "merged")
        merged = os.path.join(merged_dir, "itax.sqlite")
        rc, _, err = run_env(["merge", *shard_dbs, "--out", merged])
        if rc != 0:
            fail(f"merge: exit {rc}; {err}")
        want = store_rows(os.path.join(whole, "itax.sqlite"))
        got = store_rows(merged)
        for table in sorted(set(want) | set(got)):
            if want.get(table) != got.get(table):
                fail(f"merged shards differ from the single run in table {table}: "
                     f"{len(got.get(table, []))} rows vs {len(want.get(table, []))}")
        with open(os.path.join(whole, "summary.csv"), "rb") as a, open(os.path.join(merged_dir, "summary.csv"), "rb") as b:
            if a.read() != b.read():
                fail("summary.csv of the merged shards differs from the single run's")
        rc, _, err = run_env(["merge", *shard_dbs, "--out", merged])
        if rc != 0 or store_rows(merged) != got:
            fail(f"merging again changed the store (exit {rc})")
        check_outputs_match_store(merged_dir, "merged")
        # The order of the shards does not matter, nor does merging one at a time.
        other = os.path.join(tmp, "merged_rev", "itax.sqlite")
        for db in reversed(shard_dbs):
            rc, _, err = run_env(["merge", db, "--out", other])
            if rc != 0:
                fail(f"merge of {db} into {other}: exit {rc}; {err}")
        if store_rows(other) != want:
            fail("the shards merged one by one in reverse order differ from the single run")
    finally:
        shutil.rmtree(tmp)


def check_batch_cli():
    """Usage errors exit 2; a locked store, an output that cannot be created or a full disk exits 3 (and
    the rerun finishes the job); merge refuses what is not a store."""
    tmp = tempfile.mkdtemp(prefix="itax_batch_")
    try:
        doc = os.path.join(SAMPLES, sample_docs()[0])
        out = os.path.join(tmp, "out")
        for args in (["batch"], ["batch", doc, "--shard", "3/3"], ["batch", doc, "--shard", "x"],
                     ["batch", doc, "--jobs", "0"], ["batch", doc, "--timeout", "0"], ["merge", "--out", "x.sqlite"],
                     ["batch", doc, "--out", out, "--rules", "/nonexistent/rules"]):
            rc, _, err = run_env(args)
            if rc != 2:
                fail(f"itax {' '.join(args)}: exit {rc}, expected 2")
        rc, _, err = run_env(["merge", doc, "--out", os.path.join(tmp, "m.sqlite")])
        if rc != 2:
            fail(f"merge of a non-store: exit {rc}, expected 2; {err}")
        blocker = os.path.join(tmp, "a_file")
        open(blocker, "w").close()
        rc, _, err = run_env(["batch", doc, "--out", os.path.join(blocker, "out")])
        if rc != 3 or "run failed" not in err:
            fail(f"output under a file: exit {rc}, expected 3; {err}")
        rc, _, _ = run_env(["batch", doc, "--out", out, "-q"])
        if rc != 0:
            fail(f"batch of one good document: exit {rc}, expected 0")
        con = sqlite3.connect(os.path.join(out, "itax.sqlite"), timeout=1)
        con.execute("BEGIN EXCLUSIVE")
        try:
            rc, _, err = run_env(["batch", doc, "--out", out, "--force"], timeout=120)
        finally:
            con.rollback()
            con.close()
        if rc != 3 or "locked" not in err and "another process" not in err:
            fail(f"batch on a locked store: exit {rc}, expected 3 with a clear message; {err[-600:]}")
        # A full disk: files may not grow past 3.5 MB (RLIMIT_FSIZE, writes fail with EFBIG as they would
        # with ENOSPC), so the store or a record file fails after a few documents. Exit 3; what was
        # committed is whole; the same command without the limit finishes the job.
        import resource

        def small_disk():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (3_500_000, 3_500_000))

        full = os.path.join(tmp, "full")
        env = dict(os.environ)
        env.pop("ITAX_TEST_FAULT", None)
        p = subprocess.run([ITAX, "batch", SAMPLES, "--out", full, "--jobs", "2"], capture_output=True, text=True,
                           timeout=300, env=env, preexec_fn=small_disk)
        if p.returncode != 3 or "run failed" not in p.stderr:
            fail(f"batch on a full disk: exit {p.returncode}, expected 3; {p.stderr[-600:]}")
        db = os.path.join(full, "itax.sqlite")
        kept = check_store_whole(db, "full disk") if os.path.exists(db) else 0
        rc, _, err = run_env(["batch", SAMPLES, "--out", full, "--jobs", "2", "-q"])
        n = query(db, "SELECT count(*), count(DISTINCT path) FROM documents")[0] if rc in (0, 1) else None
        if rc != 0 or n != (8, 8):
            fail(f"rerun after the full disk: exit {rc}, stored {n}, expected 8 once each; {err[-600:]}")
        print(f"full disk: exit {p.returncode} with {kept} document(s) stored; the rerun stored the rest")

        rc, out_text, _ = run_env(["batch", "--help"])
        for opt in ("--jobs", "--timeout", "--max-memory", "--shard", "--force", "--jsonl", "--store"):
            if opt not in out_text:
                fail(f"batch --help lacks {opt}")
    finally:
        shutil.rmtree(tmp)


def check_batch_throughput():
    """Not run by ctest (timing depends on the machine): documents per second of itax batch with
    --jobs 1 and --jobs 2 over N variants of the samples (ITAX_BENCH_DOCS, default 120; DOCX and
    PDF). The numbers in docs/distributed.md come from here."""
    n = int(os.environ.get("ITAX_BENCH_DOCS", "120"))
    kinds = tuple(os.environ.get("ITAX_BENCH_KINDS", "docx,pdf").split(","))
    tmp = tempfile.mkdtemp(prefix="itax_bench_")
    try:
        ins = os.path.join(tmp, "in")
        os.mkdir(ins)
        make_variants(ins, n, kinds)
        rates = {}
        for jobs in (1, 2):
            out = os.path.join(tmp, f"out{jobs}")
            t0 = time.monotonic()
            rc, _, err = run_env(["batch", ins, "--out", out, "--jobs", str(jobs)], timeout=3600)
            secs = time.monotonic() - t0
            rates[jobs] = n / secs
            m = re.search(r"cpu: workers ([\d.]+) s, batch process ([\d.]+) s", err)
            cpu_w, cpu_p = (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)
            print(f"--jobs {jobs}: {n} documents in {secs:.1f} s = {rates[jobs]:.2f} docs/s "
                  f"({rates[jobs] * 3600 / jobs:.0f} docs per core-hour of wall time); CPU: workers {cpu_w:.2f} s, "
                  f"batch process {cpu_p:.2f} s ({100 * cpu_p / max(cpu_w + cpu_p, 1e-9):.1f}%), "
                  f"{n * 3600 / max(cpu_w + cpu_p, 1e-9):.0f} docs per CPU-hour; load {os.getloadavg()[0]:.1f}; exit {rc}")
            print(f"    per document: worker {1000 * cpu_w / n:.1f} ms, batch process {1000 * cpu_p / n:.2f} ms "
                  f"of CPU (its ~0.1 s start-up included)")
            if rc not in (0, 1):
                fail(f"--jobs {jobs}: exit {rc}; {err[-800:]}")
        print(f"speed-up with 2 jobs: {rates[2] / rates[1]:.2f}x")
    finally:
        shutil.rmtree(tmp)


# ---------------------------------------------------------------------------
# Hostile inputs (tests/hostile/README.md)
# ---------------------------------------------------------------------------

HOSTILE = os.path.join(REPO, "tests", "hostile")
# Slower builds (ASan) scale the time and memory bounds.
TIME_FACTOR = float(os.environ.get("ITAX_E2E_TIME_FACTOR", "1"))
MEM_FACTOR = float(os.environ.get("ITAX_E2E_MEM_FACTOR", "1"))
HOSTILE_SECONDS = 30      # per input
HOSTILE_PEAK_MB = 1024    # peak RSS of one itax process

# Input -> outcomes accepted ("ok" or an error code). Committed fixtures first,
# then those make_hostile.py --runtime makes at test time.
HOSTILE_EXPECT = {
    "zip_slip.docx": {"ok"},
    "rels_traversal.docx": {"not_docx"},
    "lying_entry_count.docx": {"bad_zip"},
    "zip64_huge_count.docx": {"bad_zip"},
    "duplicate_entries.docx": {"ok", "xml_entities"},
    "unknown_compression.docx": {"bad_zip"},
    "deep_nesting.docx": {"too_deep"},
    "nested_tables.docx": {"too_deep"},
    "utf16.docx": {"ok"},
    "utf16_xxe.docx": {"xml_entities"},
    "utf16_billion_laughs.docx": {"xml_entities"},
    "xref_loop.pdf": {"ok", "bad_pdf"},
    "xref_loop_broken.pdf": {"ok", "bad_pdf"},
    "page_tree_cycle.pdf": {"ok", "bad_pdf"},
    "many_pages.pdf": {"too_many_pages"},
    "huge_page.pdf": {"ok"},
    "same_glyph_font.pdf": {"ok"},
    "surrogate_font.pdf": {"ok"},
    # runtime, fast/
    "many_entries.docx": {"zip_bomb"},
    "many_paragraphs.docx": {"too_large"},
    "many_marks.docx": {"too_large"},
    "wide_row.docx": {"ok"},
    "inside_x_pdf.docx": {"ok"},
    "loop_a.pdf": {"unreadable"},
    "loop_b.pdf": {"unreadable"},
    "dangling.pdf": {"not_found"},
    "fifo.pdf": {"not_a_file"},
    "unreadable.docx": {"unreadable"},
    "\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd.docx": {"ok"},   # TIS-620 bytes, as the record names it
    "new\nline.docx": {"ok"},
    # runtime, slow/
    "big_document_xml.docx": {"too_large"},
    "content_bomb.pdf": {"ok"},
    "text_bomb.pdf": {"ok", "too_large"},
    # devices named directly
    "zero": {"not_a_file"},
    "urandom": {"not_a_file"},
}

# Failures already handed to the owner of the code at fault: reported, not
# failed, until fixed (a fixed one says so, to be removed from here).
HOSTILE_KNOWN = {}


def outcome(rec):
    return "ok" if rec["status"] == "ok" else rec["error"]["code"]


def run_measured(args, timeout):
    """Runs itax ARGS; returns (rc, stdout bytes, stderr text, seconds, peak RSS in MB or None); rc None on timeout."""
    cmd = [ITAX, *args]
    timev = shutil.which("time") and os.path.exists("/usr/bin/time")
    fd, tfile = tempfile.mkstemp(prefix="itax_time_")
    os.close(fd)
    if timev:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", tfile, *cmd]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.remove(tfile)
        return None, b"", "", time.monotonic() - t0, None
    secs = time.monotonic() - t0
    peak = None
    if timev:
        with open(tfile) as f:
            lines = [l for l in f.read().split("\n") if l.strip()]
        if lines and lines[-1].strip().isdigit():
            peak = int(lines[-1]) / 1024
    os.remove(tfile)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace"), secs, peak


def check_one_hostile(path, name, results):
    """itax extract --jsonl on one input: one valid record with an accepted outcome, in time, in memory."""
    known_hit = []

    def problem(msg):
        if name in HOSTILE_KNOWN:
            print(f"KNOWN ISSUE {name!r}: {msg} -- {HOSTILE_KNOWN[name]}")
            known_hit.append(msg)
        else:
            fail(f"{name!r}: {msg}")

    limit = HOSTILE_SECONDS * TIME_FACTOR
    rc, out, err, secs, peak = run_measured(["extract", "--jsonl", "-q", path], timeout=limit)
    row = {"name": name, "secs": secs, "peak": peak, "outcome": None}
    results.append(row)
    if rc is None:
        problem(f"no answer within {limit:.0f} s")
        return
    if rc < 0:
        problem(f"killed by signal {-rc}; stderr {err[-800:]}")
        return
    lines = [l for l in out.split(b"\n") if l.strip()]
    if len(lines) != 1:
        problem(f"{len(lines)} records, expected 1; exit {rc}; stderr {err[-800:]}")
        return
    try:
        text = lines[0].decode("utf-8")
        rec = json.loads(text)
    except (UnicodeDecodeError, ValueError) as e:
        problem(f"the record is not UTF-8 JSON: {e}")
        return
    errors = list(SCHEMA.iter_errors(rec))
    if errors:
        fail(f"{name!r}: schema: {errors[0].message}")
    got = outcome(rec)
    row["outcome"] = got
    row["message"] = (rec["error"] or {}).get("message", "")
    if got not in HOSTILE_EXPECT[name]:
        problem(f"outcome {got} ({row['message'][:200]}), expected one of {sorted(HOSTILE_EXPECT[name])}")
    elif got != "ok" and len(rec["error"]["message"]) < 10:
        fail(f"{name!r}: message too short: {rec['error']['message']!r}")
    if rc != (0 if got == "ok" else 1):
        fail(f"{name!r}: exit {rc} for outcome {got}")
    if got != "ok" and (rec["items"] or rec["indicators"] or rec["measures"]):
        fail(f"{name!r}: error record with extracted values")
    if "root:x:0:0" in text or "/bin/bash" in text:
        fail(f"{name!r}: the record leaks /etc/passwd")
    if peak is not None and peak > HOSTILE_PEAK_MB * MEM_FACTOR:
        problem(f"peak memory {peak:.0f} MB, over {HOSTILE_PEAK_MB * MEM_FACTOR:.0f} MB")
    if name in HOSTILE_KNOWN and not known_hit:
        print(f"NOTE: known issue for {name!r} no longer shows: remove it from HOSTILE_KNOWN")


def zip_slip_proof(out_root):
    """itax never writes an archive's entries anywhere: run on zip_slip.docx from a fresh working
    directory under strace and check every file it creates or opens for writing is its own record."""
    targets = ["/tmp/itax-zip-slip-relative.txt", "/tmp/itax-zip-slip-absolute.txt",
               "/tmp/itax-zip-slip-inner.txt"]
    for t in targets:
        if os.path.lexists(t):
            os.remove(t)
    cwd = tempfile.mkdtemp(prefix="itax_slip_cwd_", dir=out_root)
    out = os.path.join(out_root, "slip_out")
    fixture = os.path.abspath(os.path.join(HOSTILE, "zip_slip.docx"))
    strace = shutil.which("strace")
    log = os.path.join(out_root, "strace.log")
    cmd = [os.path.abspath(ITAX), "extract", fixture, "--out", out, "-q"]
    if strace:
        cmd = [strace, "-f", "-qq", "-o", log, "-e",
               "trace=open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,symlink,symlinkat", *cmd]
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"  # LeakSanitizer cannot run under ptrace
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120 * TIME_FACTOR, env=env)
    if p.returncode != 0:
        fail(f"zip_slip.docx: exit {p.returncode}: {p.stderr[-500:]}")
    for t in targets:
        if os.path.lexists(t):
            fail(f"zip_slip.docx: {t} was written")
    if os.listdir(cwd):
        fail(f"zip_slip.docx: files appeared in the working directory: {os.listdir(cwd)}")
    if not os.path.isdir(out) or os.listdir(out) != ["zip_slip.docx.json"]:
        fail(f"zip_slip.docx: output directory holds {os.listdir(out) if os.path.isdir(out) else None}")
    if not strace:
        print("SKIP strace proof: strace is not installed (scripts/setup.sh installs it)")
        return
    writes = []
    with open(log, errors="replace") as f:
        for line in f:
            m = re.search(r'(open|openat|creat)\((?:AT_FDCWD, |\d+, )?"([^"]*)", ([A-Z_|]+)', line)
            if m and (m.group(1) == "creat" or re.search(r"O_WRONLY|O_RDWR|O_CREAT", m.group(3))):
                writes.append(m.group(2))
            m = re.search(r'(mkdir|mkdirat|rename|renameat2?|link|linkat|symlink|symlinkat)\(.*"([^"]*)"[^"]*\)\s*=', line)
            if m:
                writes.append(m.group(2))
    outside = [w for w in writes if not os.path.abspath(os.path.join(cwd, w)).startswith(out)
               and not w.startswith("/dev/") and not w.startswith("/proc/self/")]
    if outside:
        fail(f"zip_slip.docx: itax opened for writing or created outside its output directory: {outside[:10]}")
    if not any(w.startswith(out) for w in writes):
        fail(f"zip_slip.docx: strace shows no write of the record (log format not understood?): {log}")
        return
    print(f"zip-slip proof: {len(writes)} write/create calls under strace, all inside the output directory")


def check_hostile():
    """Hostile inputs (tests/hostile/): each gives exactly one record with the expected code, within the time
    and memory bounds; a run over all of them writes every record and still reads the good sample; nothing
    an archive names is ever written."""
    fixtures = sorted(f for f in os.listdir(HOSTILE) if f.endswith((".docx", ".pdf")))
    for f in fixtures:
        if f not in HOSTILE_EXPECT:
            fail(f"fixture {f} has no expected outcome in HOSTILE_EXPECT")
    root = tempfile.mkdtemp(prefix="itax_hostile_")
    results = []
    try:
        t0 = time.monotonic()
        subprocess.run(["/usr/bin/python3", os.path.join(HOSTILE, "make_hostile.py"), "--runtime",
                        os.path.join(root, "rt")], check=True, timeout=600)
        print(f"made the runtime inputs in {time.monotonic() - t0:.1f} s")
        fast, slow = os.path.join(root, "rt", "fast"), os.path.join(root, "rt", "slow")
        as_root = os.geteuid() == 0 or os.access(os.path.join(fast, "unreadable.docx"), os.R_OK)

        # 1. One at a time.
        singles = [(os.path.join(HOSTILE, f), f) for f in fixtures]
        for d in (fast, slow):
            for f in sorted(os.listdir(d)):
                full = os.path.join(d, f)
                if os.path.isdir(full) and not os.path.islink(full):
                    continue
                name = f
                if any(0xDC80 <= ord(c) <= 0xDCFF for c in f):   # undecodable bytes (the TIS-620 name)
                    name = "\ufffd" * 6 + ".docx"
                if f == "unreadable.docx" and as_root:
                    print("SKIP unreadable.docx: running as root (or the file is readable anyway), so chmod 000 "
                          "does not stop reads")
                    continue
                singles.append((full, name))
        singles.append((os.path.join(fast, "x.pdf", "inside_x_pdf.docx"), "inside_x_pdf.docx"))
        singles += [("/dev/zero", "zero"), ("/dev/urandom", "urandom")]
        for path, name in singles:
            if name not in HOSTILE_EXPECT:
                fail(f"runtime input {name!r} has no expected outcome in HOSTILE_EXPECT")
                continue
            check_one_hostile(path, name, results)
        print(f"{'input':28} {'outcome':16} {'seconds':>7} {'peak MB':>8}")
        for r in results:
            peak = f"{r['peak']:.0f}" if r["peak"] is not None else "?"
            print(f"{r['name']!r:28} {str(r['outcome']):16} {r['secs']:7.1f} {peak:>8}")

        # 2. Everything (but the slow ones) in one run with a good sample: one record per input the
        # walk finds, the good one ok, exit 1. x.pdf is a directory: searched, not read.
        out = os.path.join(root, "out")
        good = os.path.join(SAMPLES, sample_docs()[0])
        walk = []
        for d in (HOSTILE, fast):
            for dp, dns, fns in os.walk(d):
                walk += [f for f in fns if f.lower().endswith((".docx", ".pdf"))]
        limit = 300 * TIME_FACTOR
        rc, _, err, secs, peak = run_measured(["extract", HOSTILE, fast, good, "--out", out, "-q"], timeout=limit)
        if rc is None:
            fail(f"extract over every hostile input: no answer within {limit:.0f} s")
        else:
            print(f"extract tests/hostile/ + fast runtime inputs + a sample: exit {rc}, {secs:.1f} s, "
                  f"peak {peak if peak is None else round(peak)} MB")
            if rc != 1:
                fail(f"extract over every hostile input: exit {rc}, expected 1; stderr {err[-1000:]}")
            written = os.listdir(out)
            if len(written) != len(walk) + 1:
                fail(f"{len(written)} records for {len(walk) + 1} inputs")
            grec = os.path.join(out, os.path.basename(good) + ".json")
            if not os.path.exists(grec) or load_valid(grec)["status"] != "ok":
                fail("the good sample in the same run was not written as ok")
            if "x.pdf.json" in written:
                fail("the directory x.pdf was read as a file")
            if peak is not None and peak > HOSTILE_PEAK_MB * MEM_FACTOR:
                fail(f"peak memory {peak:.0f} MB over the whole run")
            for f in written:
                try:
                    load_valid(os.path.join(out, f))
                except ValueError as e:
                    fail(f"record {f!r} is not JSON: {e}")

        # 3. Nothing an archive names is ever written.
        zip_slip_proof(root)
    finally:
        for dp, dns, fns in os.walk(root):
            for f in fns:
                full = os.path.join(dp, f)
                if not os.path.islink(full):
                    os.chmod(full, 0o600)
        shutil.rmtree(root, ignore_errors=True)


PDFJS = os.path.join(REPO, "..", "shared", "corpora", "pdfjs")
PDFJS_COUNT = 507
# Error codes a pdf.js file may get; anything else (timeout, crashed, out_of_memory, internal)
# fails the check unless the file is listed here with the reason it is justified.
PDFJS_ERRORS = {"bad_pdf", "encrypted", "too_many_pages", "too_large", "empty_file", "unsupported_format"}
PDFJS_JUSTIFIED = {}


def pdftotext_reads(paths):
    """The files Poppler's own pdftotext reads (exit 0 within 60 s), two at a time."""
    from concurrent.futures import ThreadPoolExecutor

    def one(p):
        try:
            r = subprocess.run(["pdftotext", "-q", p, "-"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=60)
            return p, r.returncode == 0
        except subprocess.TimeoutExpired:
            return p, False

    with ThreadPoolExecutor(2) as ex:
        return {os.path.basename(p) for p, ok in ex.map(one, paths) if ok}


def check_batch_pdfjs():
    """itax batch over the 507 real, often broken PDFs of pdf.js's test suite: 507 records in the
    store, results.jsonl, summary.csv and the JSON files; exit 0 or 1; no worker crashed, timed out
    or ran out of memory; itax reads (status ok) at least as many files as pdftotext does."""
    if not os.path.isdir(PDFJS):
        print(f"SKIP: the pdf.js corpus is not present at {PDFJS}")
        return
    pdfs = sorted(f for f in os.listdir(PDFJS) if f.lower().endswith(".pdf"))
    if len(pdfs) != PDFJS_COUNT:
        fail(f"{PDFJS} holds {len(pdfs)} PDFs, expected {PDFJS_COUNT}")
    tmp = tempfile.mkdtemp(prefix="itax_pdfjs_")
    try:
        out = os.path.join(tmp, "out")
        timeout = int(60 * TIME_FACTOR)
        t0 = time.monotonic()
        rc, _, err = run_env(["batch", PDFJS, "--jobs", "2", "--out", out, "--timeout", str(timeout), "-q"],
                             timeout=1200 * TIME_FACTOR)
        secs = time.monotonic() - t0
        print(f"itax batch over {len(pdfs)} pdf.js files: exit {rc}, {secs:.1f} s (worker timeout {timeout} s)")
        if rc not in (0, 1):
            fail(f"batch exit {rc}, expected 0 or 1; stderr {err[-1500:]}")
            return
        stored, recs, summary = check_outputs_match_store(out, "pdfjs")
        for what, n in (("store", len(stored)), ("results.jsonl", len(recs)), ("summary.csv", len(summary)),
                        ("JSON files", sum(1 for f in os.listdir(out) if f.endswith(".pdf.json")))):
            if n != len(pdfs):
                fail(f"{what}: {n} records for {len(pdfs)} files")
        db = os.path.join(out, "itax.sqlite")
        rows = query(db, "SELECT path, status, error_code FROM documents")
        by_code = {}
        read = set()
        for path, status, code in rows:
            name = os.path.basename(path)
            key = "ok" if status == "ok" else code
            by_code[key] = by_code.get(key, 0) + 1
            if status == "ok":
                read.add(name)
            elif code not in PDFJS_ERRORS and name not in PDFJS_JUSTIFIED:
                fail(f"{name}: error {code}, which a broken PDF must not cause")
        flags = dict(query(db, "SELECT f.code, count(DISTINCT f.doc) FROM flags f WHERE f.code = 'no_text_layer' "
                               "GROUP BY f.code"))
        poppler = pdftotext_reads([os.path.join(PDFJS, f) for f in pdfs])
        n = len(pdfs) or 1
        print(f"read (status ok): itax {len(read)} of {len(pdfs)} ({100 * len(read) / n:.1f}%), "
              f"pdftotext {len(poppler)} ({100 * len(poppler) / n:.1f}%); "
              f"ok without a text layer: {flags.get('no_text_layer', 0)}")
        print("records by outcome: " + ", ".join(f"{k} {v}" for k, v in sorted(by_code.items())))
        for f in sorted(poppler - read):
            print(f"  pdftotext reads, itax does not: {f}")
        for f in sorted(read - poppler):
            print(f"  itax reads, pdftotext does not: {f}")
        if len(read) < len(poppler):
            fail(f"itax reads {len(read)} files, pdftotext {len(poppler)}")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    fn = globals().get("check_" + CHECK)
    if not fn:
        print("unknown check", CHECK)
        sys.exit(2)
    fn()
    print(f"{CHECK}: {'FAILED' if failures else 'passed'} ({len(failures)} problem(s))")
    sys.exit(1 if failures else 0)
