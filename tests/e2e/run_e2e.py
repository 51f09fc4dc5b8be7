#!/usr/bin/python3
"""End-to-end tests: run the real itax binary on samples/ and tests/data/.

Usage: run_e2e.py ITAX_BINARY REPO_ROOT CHECK
where CHECK is one of the functions named check_* below (ctest runs each as
its own test). Every JSON record written is validated against the schema.
Uses Debian's python3 and python3-jsonschema only.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import jsonschema

ITAX, REPO, CHECK = sys.argv[1], sys.argv[2], sys.argv[3]
SAMPLES = os.path.join(REPO, "samples")
BAD = os.path.join(REPO, "tests", "data", "bad")
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
    return sorted(f for f in os.listdir(SAMPLES) if f.endswith((".docx", ".pdf")))


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
    """itax extract samples/ writes one valid record per sample, equal to the hand-checked truth."""
    out = tempfile.mkdtemp(prefix="itax_e2e_")
    try:
        rc, _, err = run("extract", SAMPLES, "--out", out, "-q")
        if rc != 0:
            fail(f"extract samples/ exited {rc}: {err}")
        docs = sample_docs()
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


if __name__ == "__main__":
    fn = globals().get("check_" + CHECK)
    if not fn:
        print("unknown check", CHECK)
        sys.exit(2)
    fn()
    print(f"{CHECK}: {'FAILED' if failures else 'passed'} ({len(failures)} problem(s))")
    sys.exit(1 if failures else 0)
