"""``make bench``: how fast the build is, side by side with the naive ways, on this machine.

Rows (each compared with a baseline measured in the same run):

a. cold build of every run (snippets and the comparison's techniques, empty cache)
   against each in a fresh ``python`` process, one after another; the floor (the
   runs' training time over the two cores) and where the workers' time goes;
s. the run stage on one worker, on two (row a), and on more, simulated from the
   one-worker times (each worker takes the next run in the executor's order);
r. every run of row s against the same run of row a: byte-identical but for wall times;
b. warm build (nothing changed) against ``mkdocs build`` of the same ``mkdocs.yml``
   (and, for reference, against ``mkdocs build`` without the lr-cookbook plugin);
c. one snippet edited: how many snippets re-run, and the time against (b);
d. every built-in schedule's curve over 1,000,000 steps in one call
   (:mod:`tools.curves`) against a per-step Python loop (timed on a sample, scaled);
e. ``make test`` on a clean clone of the last commit (its set-up included), and the
   peak memory of the cold build (all its processes together);
f. what a reader's browser transfers for a page on first load (:mod:`tools.pageweight`):
   every recipe page and every notebook page in every language, the comparison;
   and the site's size, which every published version adds to ``gh-pages``.

The builds run on a copy of the project in a temporary directory, so the
project's own cache and site are not touched. Prints a table, writes
``bench.json`` and the table into README.md (between the bench markers).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tools.cache import RECORD_FILE
from tools.paths import ROOT
from tools.records import RunRecord
from tools.sandbox import copy_project, environment

RESULTS = ROOT / "bench.json"
TEST_LOG = ROOT / ".cache" / "bench" / "make-test.log"  # row e's output, with pytest's slowest tests
README = ROOT / "README.md"
TABLE_START, TABLE_END = "<!-- bench:start -->", "<!-- bench:end -->"
HORIZON = 1_000_000
LOOP_SAMPLE = 300  # steps timed one by one, then scaled to the horizon
SAMPLED_STEPS = 1_000  # steps where the fast curve is compared with Keras, step by step
TARGETS = {"a": 0.30, "b": 1.15, "c": 1, "d_ms": 50.0, "d_rel": 1e-6, "e_test_minutes": 10.0,
           "f_page_kb": 150.0, "f_site_mb": 50.0}
SIMULATED_WORKERS = (4, 8, 16)
ALL_ROWS = "asrbcdef"
# A published site may be at most 1 GB on GitHub Pages, and mike keeps every version as a
# full copy on gh-pages: 50 MB a version keeps twenty versions under that limit.

console = Console()


class PeakMemory:
    """The peak of the summed resident memory of a process and its descendants, sampled every 0.1 s."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> int:
        """Stop sampling; the peak in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(self.pid)))


def _tree(root: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _timed(command: list[str], cwd: Path, memory: bool = False) -> tuple[float, int, subprocess.CompletedProcess]:
    """Run a command; its wall time, peak memory (if asked) and result. Raises if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    sampler = PeakMemory(process.pid) if memory else None
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak = sampler.stop() if sampler else 0
    result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    return seconds, peak, result


def _build(project: Path, memory: bool = False, *options: str) -> tuple[float, int, dict]:
    """``python -m tools build`` in ``project``: wall time, peak memory, and its report."""
    report = project / "report.json"
    seconds, peak, _ = _timed([sys.executable, "-m", "tools", "build", "--report", str(report), *options],
                              project, memory)
    return seconds, peak, json.loads(report.read_text())


def _run_times(project: Path, report: dict) -> dict[str, dict]:
    """Each run of a build, in the executor's order: its wall time in the worker (``run``, the
    script; ``fits``, its ``Model.fit`` calls; ``plots``, drawing its plots)."""
    times = {}
    for name in report["ran"]:
        entry = next((project / ".cache" / "runs").glob(f"{name}-*/record.json"))
        record = json.loads(entry.read_text())
        times[name] = {"run": record["seconds"], "fits": sum(fit["seconds"] for fit in record["fits"]),
                       "plots": report["plot_seconds"][name]}
    return {name: times[name] for name in _run_order(project) if name in times}


def _run_order(project: Path) -> list[str]:
    """The project's runs in the order the executor takes them (discovery order)."""
    code = "import json; from tools.discover import find_runs; print(json.dumps([r.name for r in find_runs()]))"
    return json.loads(subprocess.run([sys.executable, "-c", code], cwd=project, env=environment(),
                                     capture_output=True, text=True, check=True).stdout)


def _import_seconds(project: Path) -> float:
    """What a worker's start costs: a fresh ``python`` importing TensorFlow, Keras and Matplotlib (median of 3)."""
    command = [sys.executable, "-c", "import keras, matplotlib.pyplot, tensorflow"]
    return statistics.median(_timed(command, project)[0] for _ in range(3))


def cold_builds(project: Path) -> dict:
    """Row a (and e's memory): our cold build against fresh processes one after another; the floor
    and where the two workers' time goes (core-seconds: training, the rest of the scripts, plots,
    starting the workers, and what is left: waiting for the last run, contention between the two)."""
    seconds, peak, report = _build(project, memory=True)
    times = _run_times(project, report)
    workers = min(os.cpu_count() or 1, len(times))
    fits = sum(t["fits"] for t in times.values())
    scripts = sum(t["run"] - t["fits"] for t in times.values())
    plots = sum(t["plots"] for t in times.values())
    starts = workers * _import_seconds(project)
    stage = report["seconds"]["snippets"]
    spent = {"training": fits, "rest of the scripts": scripts, "plots": plots, "worker starts": starts,
             "idle and contention": workers * stage - fits - scripts - plots - starts}
    naive = {}
    commands = {script.stem: [sys.executable, str(script)] for script in sorted((project / "snippets").glob("[!_]*.py"))}
    for script in sorted((project / "comparison").glob("*.py")):  # the comparison's techniques
        if script.stem not in ("__init__", "task"):
            commands[f"comparison-{script.stem}"] = [sys.executable, "-m", f"comparison.{script.stem}"]
    for name, command in commands.items():
        started = time.perf_counter()
        subprocess.run(command, cwd=project, env=environment(), capture_output=True)
        naive[name] = time.perf_counter() - started  # a pitfall cell ends some scripts with its error
    return {"ours_s": stage, "build_total_s": seconds, "site_s": report["seconds"]["site"],
            "naive_s": sum(naive.values()), "naive_per_snippet_s": naive, "ratio": stage / sum(naive.values()),
            "ran": len(report["ran"]), "workers": workers, "floor_s": fits / workers, "core_seconds": spent,
            "run_times": times, "peak_memory_bytes": peak}


def makespan(durations: list[float], workers: int) -> float:
    """When the last of these runs ends if ``workers`` workers take them in this order, each the next
    one as soon as it is free (the executor's queue), every worker on a core of its own."""
    free = [0.0] * workers
    for duration in durations:
        free[free.index(min(free))] += duration
    return max(free)


def one_worker_stage(scratch: Path, two_workers: Path, row_a: dict) -> tuple[dict, dict]:
    """Rows s and r: the cold run stage on one worker in another copy; more workers simulated
    from its run times; and every run's cache entry against row a's (``two_workers``)."""
    project = copy_project(scratch / "one-worker")
    _, _, report = _build(project, False, "--jobs", "1")
    times = _run_times(project, report)
    durations = [t["run"] + t["plots"] for t in times.values()]
    scale = {"1": report["seconds"]["snippets"], "2": row_a["ours_s"]}
    simulated = {str(k): makespan(durations, k) for k in SIMULATED_WORKERS}
    longest_first = {str(k): makespan(sorted(durations, reverse=True), k) for k in SIMULATED_WORKERS}
    differ = [name for name in times if _entry_bytes(project, name) != _entry_bytes(two_workers, name)]
    return ({"measured_s": scale, "simulated_s": simulated, "simulated_longest_first_s": longest_first,
             "longest_run_s": max(durations), "sum_of_runs_s": sum(durations)},
            {"runs": len(times), "differ": differ})


def _entry_bytes(project: Path, name: str) -> dict:
    """A run's cache entry, file by file, without the wall times its record holds."""
    entry = next((project / ".cache" / "runs").glob(f"{name}-*/"))
    files = {path.name: path.read_bytes() for path in sorted(entry.iterdir()) if path.name != RECORD_FILE}
    return files | {RECORD_FILE: RunRecord.from_json((entry / RECORD_FILE).read_text()).untimed()}


def plain_config(project: Path) -> Path:
    """``mkdocs.yml`` without the lr-cookbook plugin (and not strict)."""
    lines = [line for line in (project / "mkdocs.yml").read_text().splitlines()
             if line.strip() not in ("- lr-cookbook", "strict: true")]
    plain = project / "mkdocs.plain.yml"
    plain.write_text("\n".join(lines) + "\n")
    return plain


def warm_builds(project: Path, repeats: int = 3) -> dict:
    """Row b: our warm build against ``mkdocs build`` of the same sources, median of ``repeats``.

    The target is against ``mkdocs build`` of the real mkdocs.yml (every plugin, ours warm): what
    the ``python -m tools`` layer adds. Without our plugin MkDocs builds less (no search index, no
    catalog, nothing in place of the markers), for reference.
    """
    plain = plain_config(project)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    ours, baseline, full, ran = [], [], [], []
    for _ in range(repeats):
        seconds, _, report = _build(project)
        ours.append(seconds)
        ran.append(len(report["ran"]))
        baseline.append(_timed(mkdocs + ["-f", str(plain), "-d", str(project / "plain-site")], project)[0])
        full.append(_timed(mkdocs + ["-d", str(project / "full-site")], project)[0])
    return {"ours_s": statistics.median(ours), "mkdocs_s": statistics.median(baseline),
            "mkdocs_same_config_s": statistics.median(full),
            "ratio": statistics.median(ours) / statistics.median(full), "ran": max(ran)}


def edited_build(project: Path, warm_seconds: float) -> dict:
    """Row c: one snippet edited (a comment appended), then a build."""
    with (project / "snippets" / "cosine_decay.py").open("a") as snippet:
        snippet.write("# edited by the benchmark\n")
    seconds, _, report = _build(project)
    return {"ours_s": seconds, "ran": report["ran"], "reran": len(report["ran"]), "ratio_to_warm": seconds / warm_seconds}


def schedule_cases() -> dict:
    """One of each built-in schedule (and the variants with their own code paths), over a 1M-step horizon."""
    import keras

    schedules = keras.optimizers.schedules
    return {
        "ExponentialDecay": schedules.ExponentialDecay(0.1, 1_000, 0.96),
        "ExponentialDecay (staircase)": schedules.ExponentialDecay(0.1, 1_000, 0.96, staircase=True),
        "PiecewiseConstantDecay": schedules.PiecewiseConstantDecay([100_000, 500_000], [0.1, 0.01, 0.001]),
        "PolynomialDecay (power 2, cycle)": schedules.PolynomialDecay(0.1, 100_000, 0.001, power=2.0, cycle=True),
        "InverseTimeDecay": schedules.InverseTimeDecay(0.1, 1_000, 0.5),
        "CosineDecay": schedules.CosineDecay(0.1, HORIZON, alpha=0.01),
        "CosineDecay (warmup)": schedules.CosineDecay(0.0, 900_000, alpha=0.01, warmup_target=0.1,
                                                      warmup_steps=100_000),
        "CosineDecayRestarts": schedules.CosineDecayRestarts(0.1, 10_000, t_mul=2.0, m_mul=0.9),
    }


def schedule_curves() -> dict:
    """Row d: the whole horizon of every built-in schedule in one call, against a loop over steps."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before TensorFlow's first import
    import numpy as np

    from tools.curves import full_curve

    cases = schedule_cases()
    steps = np.arange(HORIZON)
    sampled = np.unique(np.concatenate([np.linspace(0, HORIZON - 1, SAMPLED_STEPS).astype(int),
                                        [99_999, 100_000, 100_001, 500_000, 500_001]]))
    rows = {}
    for name, schedule in cases.items():
        full_curve(schedule, steps[:10])  # the first call traces nothing, but warms TensorFlow's kernels
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            curve = full_curve(schedule, steps)
            timings.append(time.perf_counter() - started)
        loop_steps = sampled[:: max(1, len(sampled) // LOOP_SAMPLE)]
        started = time.perf_counter()
        for step in loop_steps:
            float(schedule(int(step)))
        per_step = (time.perf_counter() - started) / len(loop_steps)
        reference = np.array([float(schedule(int(step))) for step in sampled])
        relative = np.abs(curve[sampled] - reference) / np.maximum(np.abs(reference), np.finfo(np.float32).tiny)
        rows[name] = {"fast_ms": min(timings) * 1000, "loop_s": per_step * HORIZON,
                      "max_relative_error": float(relative.max()), "steps_compared": int(len(sampled))}
    return rows


def page_weights(site: Path) -> dict:
    """Row f: first-load weight of every recipe page and every notebook page, in every language, and
    of the comparison; the size of the site (one published version)."""
    from tools.pageweight import first_load

    prefixes = ("", "ja/", "pt-BR/")
    notebooks = sorted(path.parent.name for path in site.glob("runs/notebooks/*/index.html"))
    pages = {"recipe": [f"{prefix}{name}/" for prefix in prefixes for name in notebooks],
             "notebook": [f"{prefix}runs/notebooks/{name}/" for prefix in prefixes for name in notebooks],
             "comparison": [f"{prefix}comparison/" for prefix in prefixes]}
    weights = first_load(site, [page for group in pages.values() for page in group])
    rows = {}
    for kind, group in pages.items():
        heaviest = max(group, key=lambda page: weights[page]["bytes"])
        rows[kind] = {"pages": len(group), "max_bytes": weights[heaviest]["bytes"], "heaviest": heaviest,
                      "median_bytes": statistics.median(weights[page]["bytes"] for page in group),
                      "max_by_kind": weights[heaviest]["by_kind"]}
    return {"pages": rows, "pagefind_ui_loaded_by": [page for page, w in weights.items() if w["pagefind_ui"]],
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file())}


def test_time(scratch: Path) -> float:
    """Row e: wall time of ``make test`` in a clean clone of the last commit, as CI runs it (the
    virtual environment made from scratch, with pip's cache of this machine)."""
    clone = scratch / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    TEST_LOG.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with TEST_LOG.open("w") as log:
        result = subprocess.run(["make", "test"], cwd=clone, stdout=log, stderr=subprocess.STDOUT,
                                env=dict(os.environ, PYTEST_ADDOPTS="--durations=40"))
    if result.returncode != 0:
        raise SystemExit(f"row e: make test failed in the clean clone; its output is in {TEST_LOG}")
    return time.perf_counter() - started


def table(results: dict) -> str:
    """The results as a Markdown table, with the target of each row and whether it was met."""
    a, s_, r, b, c, d, e, f = (results.get(row) for row in "asrbcdef")
    lines = ["| row | measured | baseline | ratio / value | target | met |", "| --- | --- | --- | --- | --- | --- |"]

    def add(row, measured, baseline, value, target, met):
        verdict = "" if met is None else "yes" if met else "**no**"  # None: no target, for reference
        lines.append(f"| {row} | {measured} | {baseline} | {value} | {target} | {verdict} |")

    if a:
        add("a. cold build, every run", f"{a['ours_s']:.1f} s ({a['ran']} runs, {a['workers']} workers)",
            f"{a['naive_s']:.1f} s (fresh `python` each, in turn)", f"{a['ratio']:.2f}", f"<= {TARGETS['a']}",
            a["ratio"] <= TARGETS["a"])
        add("a. floor: the runs' training time / workers", f"{a['floor_s']:.1f} s", "row a", 
            f"{a['ours_s'] / a['floor_s']:.2f} of the floor", "", None)
        spent = ", ".join(f"{name} {value:.0f}" for name, value in a["core_seconds"].items())
        add("a. where the workers' time goes (core-s)", spent, "", "", "", None)
        add("a. then the site (MkDocs, 3 languages, notebooks, search)", f"{a['site_s']:.1f} s", "", "", "", None)
    if s_:
        measured = s_["measured_s"]
        add("s. run stage, 1 and 2 workers", f"{measured['1']:.1f} s and {measured['2']:.1f} s", "1 worker",
            f"{measured['1'] / measured['2']:.2f}x on 2", "", None)
        add("s. more workers, simulated", ", ".join(f"{k}: {v:.0f} s" for k, v in s_["simulated_s"].items())
            + " (longest first: " + ", ".join(f"{v:.0f}" for v in s_["simulated_longest_first_s"].values()) + " s)",
            "the 1-worker run times, in the executor's order", f"longest run {s_['longest_run_s']:.0f} s", "", None)
    if r:
        add("r. every run again from an empty cache (s vs a)", f"{r['runs'] - len(r['differ'])} of {r['runs']} "
            "byte-identical", "", ", ".join(r["differ"]) or "", "all", not r["differ"])
    if b:
        add("b. warm build, nothing changed", f"{b['ours_s']:.1f} s ({b['ran']} runs)",
            f"{b['mkdocs_same_config_s']:.1f} s (`mkdocs build`, same mkdocs.yml)", f"{b['ratio']:.2f}",
            f"<= {TARGETS['b']}", b["ratio"] <= TARGETS["b"])
        add("b. for reference: MkDocs without our plugin", f"{b['mkdocs_s']:.1f} s", "", "", "", None)
    if c:
        add("c. one snippet edited", f"{c['ours_s']:.1f} s, {c['reran']} re-run ({', '.join(c['ran'])})",
            "row b's warm build", f"{c['ratio_to_warm']:.2f}", "exactly 1 re-run", c["reran"] == TARGETS["c"])
    for name, row in (d or {}).items():
        ok = row["fast_ms"] <= TARGETS["d_ms"] and row["max_relative_error"] <= TARGETS["d_rel"]
        add(f"d. {name}, 1M steps", f"{row['fast_ms']:.1f} ms", f"{row['loop_s']:.0f} s (loop, scaled)",
            f"max rel. error {row['max_relative_error']:.1e} at {row['steps_compared']} steps",
            f"<= {TARGETS['d_ms']:.0f} ms, <= 1e-6", ok)
    if e is not None:
        add("e. `make test`, clean clone", f"{e / 60:.1f} min", "", "", f"<= {TARGETS['e_test_minutes']:.0f} min",
            e / 60 <= TARGETS["e_test_minutes"])
    if a:
        add("e. peak memory, cold build", f"{a['peak_memory_bytes'] / 2**20:.0f} MiB (all processes)", "", "", "", None)
    if f:
        for kind, row in f["pages"].items():
            add(f"f. {kind} page, first load (gzip)", f"{row['max_bytes'] / 1000:.1f} KB ({row['heaviest']})",
                f"median {row['median_bytes'] / 1000:.1f} KB", f"{row['pages']} pages",
                f"<= {TARGETS['f_page_kb']:.0f} KB", row["max_bytes"] / 1000 <= TARGETS["f_page_kb"])
        add("f. pages that load Pagefind's UI before search opens", str(len(f["pagefind_ui_loaded_by"])), "", "",
            "0", not f["pagefind_ui_loaded_by"])
        add("f. site, one version", f"{f['site_bytes'] / 1e6:.1f} MB", "", "", f"<= {TARGETS['f_site_mb']:.0f} MB",
            f["site_bytes"] / 1e6 <= TARGETS["f_site_mb"])
    return "\n".join(lines)


def write_readme_table(markdown: str, machine: str) -> None:
    """Replace the table between the bench markers in README.md."""
    text = README.read_text()
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    README.write_text(text[:start] + f"\n{machine}\n\n{markdown}\n" + text[end:])


def main(argv: list[str] | None = None) -> None:
    """Run the chosen rows (all by default), print the table, write bench.json and README's table (the rows
    not chosen are kept from the last bench.json, each with its date)."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default=ALL_ROWS, help=f"which rows to run, e.g. 'abc' (default: all, {ALL_ROWS})")
    args = parser.parse_args(argv)
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="lr-bench-") as scratch:
        project = copy_project(Path(scratch) / "project")
        if set(args.rows) & set("asrbcf"):
            console.print("a. cold build, then each run in a fresh process ...")
            results["a"] = cold_builds(project)
        if set(args.rows) & set("sr"):
            console.print("s. the run stage on one worker ...")
            results["s"], results["r"] = one_worker_stage(Path(scratch), project, results["a"])
        if "f" in args.rows:
            console.print("f. page weights in Chromium ...")
            results["f"] = page_weights(project / "site")
        if set(args.rows) & set("bc"):
            console.print("b. warm builds against mkdocs build ...")
            results["b"] = warm_builds(project)
        if "c" in args.rows:
            console.print("c. one snippet edited ...")
            results["c"] = edited_build(project, results["b"]["ours_s"])
        if "e" in args.rows:
            console.print("e. make test on a clean clone ...")
            results["e"] = test_time(Path(scratch))
    if "d" in args.rows:
        console.print("d. schedule curves over 1,000,000 steps ...")
        results["d"] = schedule_curves()
    results, measured_on = merged_with_previous(results, time.strftime("%Y-%m-%d"))
    dates = {}  # date -> the rows measured that day
    for row in sorted(measured_on, key=ALL_ROWS.index):
        dates.setdefault(measured_on[row], []).append(row)
    machine = f"Measured on {os.cpu_count()} cores by `make bench`: " + "; ".join(
        f"rows {', '.join(rows)} on {date}" for date, rows in sorted(dates.items())) + "."
    markdown = table(results)
    RESULTS.write_text(json.dumps({"machine": machine, "targets": TARGETS, "measured_on": measured_on,
                                   "results": results}, indent=1) + "\n")
    write_readme_table(markdown, machine)
    rich_table = Table(title="make bench")
    header, _, *rows = markdown.splitlines()
    for column in header.strip("|").split("|"):
        rich_table.add_column(column.strip())
    for row in rows:
        rich_table.add_row(*(cell.strip() for cell in row.strip("|").split("|")))
    console.print(rich_table)
    console.print(f"written to {RESULTS.relative_to(ROOT)} and README.md")


def merged_with_previous(results: dict, today: str) -> tuple[dict, dict]:
    """The rows just measured, with the other rows of ``bench.json`` kept as they were; and the date of each row."""
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    kept = {row: value for row, value in previous.get("results", {}).items() if row not in results}
    undated = re.search(r"\d{4}-\d{2}-\d{2}", previous.get("machine", ""))  # a bench.json from before the dates
    dates = {row: previous.get("measured_on", {}).get(row, undated[0] if undated else "an earlier day") for row in kept}
    return kept | results, dates | {row: today for row in results}


if __name__ == "__main__":
    main()
