#!/usr/bin/python3
"""itax speed benchmark (issue #6): itax against the tools a user would pick.

  bench.py --itax build-bench/itax --work bench/out [--reps 5] [--quick]

Expects the corpus from gen_corpus.py in WORK (bench/run makes it). Every
command is timed as a child process: wall time, CPU time (user+sys, from
wait4) and peak RSS. The machine is shared, so wall time is noisy; CPU time
is not disturbed by other processes, so targets are judged on median CPU
time ratios and wall ratios are shown beside them. Writes WORK/results.json
and bench/RESULTS.md.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
PY = "/usr/bin/python3"
TOOLS = os.path.join(BENCH, "tools")


def run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
    """Runs cmd; returns wall s, cpu s (user+sys), peak RSS MB, exit code, stderr text."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE if stderr is None else stderr)
    err = p.stderr.read().decode("utf-8", "replace") if stderr is None else ""
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024.0,
            "rc": p.returncode, "stderr": err}


def medians(cmd, reps, **kw):
    rs = [run(cmd, **kw) for _ in range(reps)]
    if any(r["rc"] not in (0, 1) for r in rs):
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({rs[0]['rc']}): {rs[0]['stderr'][:400]}")
    return {"wall": statistics.median(r["wall"] for r in rs), "cpu": statistics.median(r["cpu"] for r in rs),
            "rss_mb": max(r["rss_mb"] for r in rs), "runs": rs}


class Bench:
    def __init__(self, a):
        self.a = a
        self.itax = os.path.abspath(a.itax)
        self.rules = os.path.join(ROOT, "rules")
        self.work = os.path.abspath(a.work)
        self.manifest = json.load(open(os.path.join(self.work, "manifest.json")))
        self.tmp = tempfile.mkdtemp(prefix="itaxbench_")
        self.res = {"reps": a.reps}

    def itax_extract(self, path, threads=None):
        extra = ["--threads", str(threads)] if threads else []
        return [self.itax, "extract", "-q", "--stats-json", "--rules", self.rules, "--out", self.tmp, *extra, path]

    def tools_pdf(self, path):
        return {
            "itax extract": self.itax_extract(path),
            "itax extract --threads 1": self.itax_extract(path, 1),
            "pdftotext -raw": ["pdftotext", "-raw", path, "-"],
            "PyMuPDF get_text": [PY, os.path.join(TOOLS, "pymupdf_text.py"), path],
            "pdfminer.six": [PY, os.path.join(TOOLS, "pdfminer_text.py"), path],
        }

    def tools_docx(self, path):
        return {
            "itax extract": self.itax_extract(path),
            "pandoc -t plain": ["pandoc", "-t", "plain", path],
            "python-docx": [PY, os.path.join(TOOLS, "python_docx_text.py"), path],
        }

    def single_files(self, files, tools_of, key, base):
        """Every tool once per round, `reps` rounds: the host's load comes and goes in phases of seconds,
        so a ratio is taken within each round (same phase) and the median over rounds is reported."""
        rows = []
        for f in files:
            row = {"file": os.path.relpath(f, ROOT) if f.startswith(ROOT) else os.path.relpath(f, self.work),
                   "pages": self.pages(f), "tools": {}}
            tools = tools_of(f)
            runs = {name: [] for name in tools}
            for i in range(self.a.reps):
                for name, cmd in tools.items():
                    if name == "pdfminer.six" and i >= max(1, self.a.reps // 2):
                        continue  # seconds per run: half the rounds
                    r = run(cmd, stderr=None if name.startswith("itax") else subprocess.DEVNULL)
                    if r["rc"] not in (0, 1):
                        raise SystemExit(f"bench: {' '.join(cmd)} failed ({r['rc']}): {r['stderr'][:400]}")
                    runs[name].append(r)
            for name, rs in runs.items():
                m = {"wall": statistics.median(r["wall"] for r in rs), "cpu": statistics.median(r["cpu"] for r in rs),
                     "rss_mb": max(r["rss_mb"] for r in rs)}
                if name.startswith("itax"):
                    m["stats"] = [json.loads(r["stderr"].strip().splitlines()[-1]) for r in rs]
                n = min(len(rs), len(runs[base]))
                m["wall_ratio"] = statistics.median(rs[i]["wall"] / runs[base][i]["wall"] for i in range(n))
                m["cpu_ratio"] = statistics.median(rs[i]["cpu"] / runs[base][i]["cpu"] for i in range(n))
                row["tools"][name] = m
            rows.append(row)
            print(f"bench: {key} {row['file']}: " + ", ".join(
                f"{n} {t['cpu'] * 1e3:.0f} ms cpu" for n, t in row["tools"].items()), file=sys.stderr)
        self.res[key] = rows

    def pages(self, f):
        m = self.manifest.get(f)
        if m:
            return m["pages"]
        if f.endswith(".pdf"):
            out = subprocess.run(["pdfinfo", f], capture_output=True, text=True).stdout
            return int(re.search(r"Pages:\s+(\d+)", out).group(1))
        twin = f[:-5] + ".pdf"
        return self.pages(twin) if os.path.exists(twin) else None

    def corpus_files(self, fmt):
        return sorted(f for f, m in self.manifest.items() if m["format"] == fmt and "/corpus/" in f)

    def batch(self):
        corpus = os.path.join(self.work, "corpus")
        docs = len([f for f in self.manifest if "/corpus/" in f])
        pages = sum(m["pages"] for f, m in self.manifest.items() if "/corpus/" in f)
        out = {}
        # One run of each job count per round and the ratio taken within the
        # round: the host's load comes in phases of seconds to minutes, which
        # move a whole block of same-kind runs (measured: ×1.28 and ×2.35 from
        # the same binary when all 1-job runs came before all 2-job runs).
        by_jobs = {1: [], 2: []}
        ratios = []
        for _ in range(self.a.batch_reps):
            for jobs in (1, 2):
                d = os.path.join(self.tmp, f"batch{jobs}")
                shutil.rmtree(d, ignore_errors=True)
                load0 = os.getloadavg()[0]
                r = run([self.itax, "batch", "-q", "--stats", "--no-json-files", "--jobs", str(jobs), "--rules",
                         self.rules, "--out", d, corpus], stderr=None)
                if r["rc"] not in (0, 1):
                    raise SystemExit(f"bench: itax batch failed: {r['stderr'][:400]}")
                r["stats"] = json.loads(r["stderr"].strip().splitlines()[-1])
                r["load"] = (load0 + os.getloadavg()[0]) / 2
                by_jobs[jobs].append(r)
            ratios.append(by_jobs[1][-1]["wall"] / by_jobs[2][-1]["wall"])
            print(f"bench: batch round {len(ratios)}: 2 jobs ×{ratios[-1]:.2f} of 1 job", file=sys.stderr)
        for jobs, runs in by_jobs.items():
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r["stats"]["workers_cpu_ms"] / 1e3 for r in runs)
            parent = statistics.median(r["stats"]["parent_cpu_ms"] / 1e3 for r in runs)
            out[jobs] = {"wall": wall, "docs_s": docs / wall, "pages_s": pages / wall, "parent_cpu_s": parent,
                         "worker_cpu_s": cpu, "cpu_ms_per_doc": cpu * 1e3 / docs,
                         "worker_rss_mb": max(r["stats"]["worker_peak_rss_mb"] for r in runs),
                         "errors": runs[0]["stats"]["errors"], "load": statistics.median(r["load"] for r in runs),
                         "parent_split_ms_per_doc": {k: statistics.median(r["stats"]["parent_split_cpu_ms"][k] for r in runs)
                                                     / docs for k in runs[0]["stats"].get("parent_split_cpu_ms", {})}}
            print(f"bench: batch --jobs {jobs}: {out[jobs]['docs_s']:.1f} docs/s", file=sys.stderr)
        self.res["batch"] = {"docs": docs, "pages": pages, "jobs": out, "round_ratios": ratios}

    def scaling(self):
        rows = []
        for n in (10, 40, 160, 320):
            f = os.path.join(self.work, "big", f"big_{n}.pdf")
            m = medians(self.itax_extract(f), self.a.reps, stderr=None)
            # A warm worker: one document first (start-up paid), then this
            # one, on one thread as in a batch worker; its own stage CPU is
            # the cost a batch worker pays.
            warm_cmd = self.itax_extract(f, 1)
            warm_cmd.insert(-1, os.path.join(ROOT, "samples", "ko_2566_content_controls.pdf"))
            w = medians(warm_cmd, self.a.reps, stderr=None)
            warm = [json.loads(r["stderr"].strip().splitlines()[-1])["per_document"][-1] for r in w["runs"]]
            p = medians(["pdftotext", "-raw", f, "-"], self.a.reps)
            rows.append({"pages": n, "wall": m["wall"], "cpu": m["cpu"], "rss_mb": max(m["rss_mb"], w["rss_mb"]),
                         "warm_cpu_ms": statistics.median(d["cpu_ms"] for d in warm),
                         "pdftotext_cpu": p["cpu"]})
            print(f"bench: scaling {n} pages: {m['cpu'] * 1e3 / n:.2f} ms cpu/page, warm "
                  f"{rows[-1]['warm_cpu_ms'] / n:.2f}", file=sys.stderr)
        self.res["scaling"] = rows

    def callgrind(self, files):
        if not shutil.which("valgrind"):
            return
        stage_fns = {
            "startup": [r"itax::cli::load_rules_or_report\(", r"itax::Pipeline::Pipeline\("],
            "read": [r"itax::describe_input\(", r"itax::read_document\("],
            "dictionaries": [r"itax::thai::repair_words\("],
            "thai": [r"itax::thai::join_document_soft_wraps\(", r"itax::thai::repair_document\("],
            "rules": [r"itax::Extractor::extract\("],
            "validate": [r"itax::validate_report\("],
            "output": [r"itax::to_json(\[abi:cxx11\])?\(", r"itax::dump_json\(", r"itax::cli::write_file_atomic\(|write_file_atomic\("],
        }
        out = {}
        for f in files:
            cg = os.path.join(self.tmp, "cg.out")
            # One thread: callgrind runs threads one at a time anyway, and
            # the stage functions then hold all of their work.
            run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg}", *self.itax_extract(f, 1)])
            ann = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", cg],
                                 capture_output=True, text=True).stdout
            total = int(re.search(r"([\d,]+)\s+\(100\.0%\)\s+PROGRAM TOTALS", ann).group(1).replace(",", ""))
            split = {}
            for stage, pats in stage_fns.items():
                ir = 0
                for pat in pats:
                    for line in ann.splitlines():
                        m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$", line)
                        if m and re.search(pat, m.group(2)):
                            ir += int(m.group(1).replace(",", ""))
                            break
                split[stage] = ir
            out[os.path.relpath(f, ROOT)] = {"total": total, "stages": split}
            print(f"bench: callgrind {f}: {total / 1e6:.0f} M instructions", file=sys.stderr)
        self.res["callgrind"] = out


def fmt_ms(s):
    return f"{s * 1e3:.0f}"


def write_results(res, path, cmd):
    L = []
    L.append("# itax benchmark results\n")
    L.append(f"Generated by `{cmd}` on {res['date']}.\n")
    L.append(f"Machine: {res['machine']}. Load average during the run: {res['load']}; "
             f"bench priority (nice): {res.get('nice', 0)}. "
             f"Each figure is the median of {res['reps']} runs (pdfminer.six: {max(1, res['reps'] // 2)}). "
             "The machine is a shared VM whose host load comes and goes in phases of seconds: single-file tools "
             "are run in rounds (every tool once per round), each ratio is taken within a round and the median "
             "over rounds is reported; targets on time are judged on these wall-time ratios, with CPU time "
             "(user+sys of all threads) beside them.\n")
    L.append("## Targets\n")
    L.append("| target | measured | met |")
    L.append("|---|---|---|")
    for t in res["targets"]:
        L.append(f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else '**no**'} |")
    L.append("")

    def table(key, title):
        rows = res.get(key)
        if not rows:
            return
        names = list(rows[0]["tools"].keys())
        L.append(f"## {title}\n")
        L.append(f"Wall ms (CPU ms of all threads) per file, peak RSS MB, and ×: wall time over {res[key + '_base']}'s "
                 "in the same round (median over rounds).\n")
        L.append("| file | pages | " + " | ".join(names) + " |")
        L.append("|---|---|" + "---|" * len(names))
        for r in rows:
            cells = []
            for n in names:
                t = r["tools"][n]
                cells.append(f"{fmt_ms(t['wall'])} ({fmt_ms(t['cpu'])}) {t['rss_mb']:.0f} MB, ×{t['wall_ratio']:.2f}")
            L.append(f"| {r['file']} | {r['pages']} | " + " | ".join(cells) + " |")
        L.append("")

    table("pdf", "PDF, one file per command (`itax extract` vs text extractors)")
    table("docx", "DOCX, one file per command")
    if "scaling" in res:
        L.append("## Scaling: one large PDF\n")
        L.append("Process: the whole `itax extract` command (start-up and first-use dictionary load included). "
                 "Warm worker: the document's own stage CPU after another document was processed, "
                 "i.e. what each document costs a batch worker.\n")
        L.append("| pages | process CPU ms | process CPU ms/page | warm-worker CPU ms | warm CPU ms/page | wall ms | "
                 "peak RSS MB | pdftotext CPU ms | pdftotext CPU ms/page |")
        L.append("|---|---|---|---|---|---|---|---|---|")
        for r in res["scaling"]:
            L.append(f"| {r['pages']} | {fmt_ms(r['cpu'])} | {r['cpu'] * 1e3 / r['pages']:.2f} | "
                     f"{r['warm_cpu_ms']:.0f} | {r['warm_cpu_ms'] / r['pages']:.2f} | {fmt_ms(r['wall'])} | "
                     f"{r['rss_mb']:.0f} | {fmt_ms(r['pdftotext_cpu'])} | {r['pdftotext_cpu'] * 1e3 / r['pages']:.2f} |")
        L.append("")
    if "batch" in res:
        b = res["batch"]
        L.append(f"## Batch: `itax batch` over the generated corpus ({b['docs']} documents, {b['pages']} pages)\n")
        L.append("Cores used = (worker + parent CPU) / wall: what the run actually got from the shared machine. "
                 "CPU-bound documents/s = jobs × 1000 / worker CPU ms per document: the throughput if each worker "
                 "had a core to itself (a projection from measured CPU, not a measurement).\n")
        L.append("| jobs | wall s | documents/s | pages/s | worker CPU s | worker CPU ms/document | parent CPU s | "
                 "cores used | CPU-bound documents/s | peak RSS/worker MB | load avg |")
        L.append("|---|---|---|---|---|---|---|---|---|---|---|")
        for j, r in b["jobs"].items():
            used = (r["worker_cpu_s"] + r["parent_cpu_s"]) / r["wall"]
            bound = int(j) * 1000 / r["cpu_ms_per_doc"]
            L.append(f"| {j} | {r['wall']:.1f} | {r['docs_s']:.1f} | {r['pages_s']:.0f} | {r['worker_cpu_s']:.1f} | "
                     f"{r['cpu_ms_per_doc']:.1f} | {r['parent_cpu_s']:.1f} | {used:.2f} | {bound:.0f} | "
                     f"{r['worker_rss_mb']:.0f} | {r['load']:.1f} |")
        L.append("")
        if all(r.get("parent_split_ms_per_doc") for r in b["jobs"].values()):
            L.append("Where the parent's CPU goes, ms per document (`itax batch --stats`, parent_split_cpu_ms): "
                     "hashing inputs and store lookups, reading the workers' answers, storing rows and records "
                     "(commits included), and writing results.jsonl and the CSV files at the end.\n")
            keys = list(next(iter(b["jobs"].values()))["parent_split_ms_per_doc"])
            L.append("| jobs | " + " | ".join(keys) + " |")
            L.append("|---|" + "---|" * len(keys))
            for j, r in b["jobs"].items():
                L.append(f"| {j} | " + " | ".join(f"{r['parent_split_ms_per_doc'][k]:.2f}" for k in keys) + " |")
            L.append("")
    if "stages" in res:
        L.append("## Time per stage (`itax extract --stats-json`, CPU ms, median per file)\n")
        L.append("| file | " + " | ".join(res["stages"]["names"]) + " |")
        L.append("|---|" + "---|" * len(res["stages"]["names"]))
        for f, vals in res["stages"]["rows"]:
            L.append(f"| {f} | " + " | ".join(f"{v:.1f}" for v in vals) + " |")
        L.append("")
    if "callgrind" in res:
        L.append("## Instructions per stage (`valgrind --tool=callgrind`, inclusive, millions)\n")
        L.append("Inclusive instructions of each stage's entry functions (callgrind_annotate --inclusive=yes); "
                 "dictionaries: the damage repair's word lists (the built-in trie plus the rules' terms), built on "
                 "the first PDF a process reads (once per worker), counted inside the thai stage by `--stats`.\n")
        names = ["startup", "dictionaries", "read", "thai", "rules", "validate", "output"]
        L.append("| file | total | " + " | ".join(names) + " |")
        L.append("|---|---|" + "---|" * len(names))
        for f, c in res["callgrind"].items():
            L.append(f"| {f} | {c['total'] / 1e6:.0f} | " + " | ".join(
                f"{c['stages'][n] / 1e6:.0f} ({100 * c['stages'][n] / c['total']:.0f}%)" for n in names) + " |")
        L.append("")
    notes = os.path.join(BENCH, "NOTES.md")
    if os.path.exists(notes):
        L.append(open(notes).read())
    with open(path, "w") as f:
        f.write("\n".join(L))


def judge(res):
    T = []
    pdf = [r for r in res.get("pdf", []) if (r["pages"] or 0) >= 10]
    if pdf:
        wr = [r["tools"]["itax extract"]["wall_ratio"] for r in pdf]
        cr = [r["tools"]["itax extract"]["cpu_ratio"] for r in pdf]
        wr1 = [r["tools"]["itax extract --threads 1"]["wall_ratio"] for r in pdf]
        med = statistics.median(wr)
        big = [r["tools"]["itax extract"]["wall_ratio"] for r in pdf if r["pages"] >= 40]
        warm = ""
        if "scaling" in res:  # the same work in a warm batch worker, start-up and dictionaries paid already
            w = [r["warm_cpu_ms"] / 1e3 / r["pdftotext_cpu"] for r in res["scaling"] if r["pages"] >= 40]
            warm = f"; a warm worker's per-document CPU on the 40–320-page files: ×{statistics.median(w):.2f}"
        T.append({"target": "PDF: itax extract ≤ 1.5× pdftotext -raw (median over files of 10+ pages)",
                  "measured": f"×{med:.2f} wall (default --threads: {min(4, os.cpu_count() or 1)}; CPU ×{statistics.median(cr):.2f}; "
                              f"one thread ×{statistics.median(wr1):.2f} wall)"
                              + (f"; files of 40+ pages ×{statistics.median(big):.2f} wall" if big else "") + warm,
                  "met": med <= 1.5})
    if res.get("docx"):
        cr = [r["tools"]["itax extract"]["cpu_ratio"] for r in res["docx"]]
        wr = [r["tools"]["itax extract"]["wall_ratio"] for r in res["docx"]]
        rss = max(r["tools"]["itax extract"]["rss_mb"] for r in res["docx"])
        med = statistics.median(wr)
        T.append({"target": "DOCX: itax extract ≤ ¼ of pandoc -t plain",
                  "measured": f"×{med:.2f} wall (CPU ×{statistics.median(cr):.2f})", "met": med <= 0.25})
        T.append({"target": "DOCX: peak RSS < 30 MB", "measured": f"{rss:.1f} MB", "met": rss < 30})
    if "batch" in res:
        j = res["batch"]["jobs"]
        rr = res["batch"].get("round_ratios") or [j[2]["docs_s"] / j[1]["docs_s"]]
        sp = statistics.median(rr)
        T.append({"target": "Batch: 2 jobs ≥ 1.8× the throughput of 1 job",
                  "measured": f"×{sp:.2f} wall, median of rounds ({', '.join(f'×{x:.2f}' for x in rr)}; load avg "
                              f"{j[1]['load']:.1f} / {j[2]['load']:.1f}); worker CPU per "
                              f"document ×{j[2]['cpu_ms_per_doc'] / j[1]['cpu_ms_per_doc']:.2f}, parent CPU "
                              f"{100 * j[1]['parent_cpu_s'] / j[1]['worker_cpu_s']:.0f}% of the workers'; cores "
                              f"used {(j[1]['worker_cpu_s'] + j[1]['parent_cpu_s']) / j[1]['wall']:.2f} / "
                              f"{(j[2]['worker_cpu_s'] + j[2]['parent_cpu_s']) / j[2]['wall']:.2f}",
                  "met": sp >= 1.8})
    if "scaling" in res:
        per = [r["warm_cpu_ms"] / r["pages"] for r in res["scaling"]]
        spread = max(per) / min(per)
        rise = max(per) / per[0]  # a quadratic step shows as a rise over the 10-page cost
        proc = [r["cpu"] / r["pages"] for r in res["scaling"]]
        pt = [r["pdftotext_cpu"] / r["pages"] for r in res["scaling"]]
        rss = res["scaling"][-1]["rss_mb"]
        T.append({"target": "Time per page flat within 20% from 10 to 320 pages (warm worker)",
                  "measured": "CPU ms/page " + " / ".join(f"{x:.2f}" for x in per) +
                              f": highest ×{rise:.2f} the 10-page figure, max/min ×{spread:.2f} "
                              f"(whole process max/min ×{max(proc) / min(proc):.2f}, pdftotext ×{max(pt) / min(pt):.2f}: "
                              "fixed start-up spread over few pages)",
                  "met": spread <= 1.2})
        T.append({"target": "Peak RSS < 150 MB on the 320-page file", "measured": f"{rss:.0f} MB", "met": rss < 150})
    if "startup" in res:
        s = res["startup"]
        T.append({"target": "Worker start-up (rules, ICU, checklists) < 30 ms",
                  "measured": f"{s:.1f} ms CPU (median)", "met": s < 30})
    res["targets"] = T


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--itax", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--batch-reps", type=int, default=1)
    ap.add_argument("--skip", default="", help="comma list of: pdf,docx,scaling,batch,callgrind")
    ap.add_argument("--results", default=os.path.join(BENCH, "RESULTS.md"))
    ap.add_argument("--command", default="bench/run")
    ap.add_argument("--priority", type=int, default=0,
                    help="nice increment for this run and every command it times (negative needs root): "
                         "on a shared machine, -10 keeps other jobs from setting the pace")
    ap.add_argument("--rewrite", action="store_true",
                    help="only write RESULTS.md again from WORK/results.json (after editing NOTES.md)")
    a = ap.parse_args()
    if a.rewrite:
        res = json.load(open(os.path.join(a.work, "results.json")))
        write_results(res, a.results, res.get("command", a.command))
        return
    if a.priority:
        os.nice(a.priority)
    skip = set(filter(None, a.skip.split(",")))
    b = Bench(a)
    big = [os.path.join(b.work, "big", f"big_{n}.pdf") for n in (10, 40)]
    samples_pdf = sorted(os.path.join(ROOT, "samples", f) for f in os.listdir(os.path.join(ROOT, "samples"))
                         if f.endswith(".pdf"))
    samples_docx = sorted(os.path.join(ROOT, "samples", f) for f in os.listdir(os.path.join(ROOT, "samples"))
                          if f.endswith(".docx"))
    docx_corpus = b.corpus_files("docx")
    docx_extra = [max(docx_corpus, key=lambda f: b.manifest[f]["pages"])] if docx_corpus else []
    loads = [os.getloadavg()[0]]
    if "pdf" not in skip:
        b.single_files(samples_pdf + big, b.tools_pdf, "pdf", "pdftotext -raw")
        b.res["pdf_base"] = "pdftotext -raw"
    if "docx" not in skip:
        b.single_files(samples_docx + docx_extra, b.tools_docx, "docx", "pandoc -t plain")
        b.res["docx_base"] = "pandoc -t plain"
    loads.append(os.getloadavg()[0])
    if "scaling" not in skip:
        b.scaling()
    if "batch" not in skip:
        b.batch()
    loads.append(os.getloadavg()[0])
    if "callgrind" not in skip:
        b.callgrind([samples_pdf[0], samples_docx[0]])
    # Stages and start-up from the single-file runs' --stats-json.
    names = ["startup", "read", "thai", "rules", "validate", "output"]
    rows, startups = [], []
    for key in ("pdf", "docx"):
        for r in b.res.get(key, []):
            # One thread, so that each stage's CPU is all its work (a thread's
            # own clock would miss the other threads' share).
            st = r["tools"].get("itax extract --threads 1", r["tools"]["itax extract"])["stats"]
            rows.append((r["file"], [statistics.median(s["stages"][n]["cpu_ms"] for s in st) for n in names]))
            startups += [s["stages"]["startup"]["cpu_ms"] for s in st]
    if rows:
        b.res["stages"] = {"names": names, "rows": rows}
        b.res["startup"] = statistics.median(startups)
    b.res["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cpu = "?"
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read()).group(1)
    except (OSError, AttributeError):
        pass
    b.res["machine"] = f"{platform.node() or 'host'}: {cpu}, {os.cpu_count()} cores, {platform.system()} " \
                       f"{platform.release()}, {platform.freedesktop_os_release().get('PRETTY_NAME', '')}"
    b.res["nice"] = os.getpriority(os.PRIO_PROCESS, 0)
    b.res["command"] = a.command
    b.res["load"] = " → ".join(f"{x:.1f}" for x in loads)
    judge(b.res)
    for t in b.res["targets"]:
        print(f"bench: {'MET ' if t['met'] else 'MISS'} {t['target']}: {t['measured']}", file=sys.stderr)
    with open(os.path.join(b.work, "results.json"), "w") as f:
        json.dump(b.res, f, indent=1, default=str)
    write_results(b.res, a.results, a.command)
    shutil.rmtree(b.tmp, ignore_errors=True)
    print(f"bench: wrote {a.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
