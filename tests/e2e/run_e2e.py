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


if __name__ == "__main__":
    fn = globals().get("check_" + CHECK)
    if not fn:
        print("unknown check", CHECK)
        sys.exit(2)
    fn()
    print(f"{CHECK}: {'FAILED' if failures else 'passed'} ({len(failures)} problem(s))")
    sys.exit(1 if failures else 0)
