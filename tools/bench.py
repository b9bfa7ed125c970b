"""``make bench``: how fast the build is, side by side with the naive ways, on this machine.

Rows (each compared with a baseline measured in the same run):

a. cold build of every snippet (empty cache) against each snippet in a fresh
   ``python`` process, one after another;
b. warm build (nothing changed) against ``mkdocs build`` of the same sources,
   without the lr-cookbook plugin, with the generated files already in place
   (and, for reference, ``mkdocs build`` of the real mkdocs.yml);
c. one snippet edited: how many snippets re-run, and the time against (b);
d. every built-in schedule's curve over 1,000,000 steps in one call
   (:mod:`tools.curves`) against a per-step Python loop (timed on a sample, scaled);
e. peak memory of the cold build (all its processes together), and the time of ``make test``;
f. page weight: each notebook page against its recipe page, and the whole site.

The builds run on a copy of the project in a temporary directory, so the
project's own cache and site are not touched. Prints a table, writes
``bench.json`` and the table into README.md (between the bench markers).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tools.paths import ROOT
from tools.sandbox import copy_project, environment

RESULTS = ROOT / "bench.json"
README = ROOT / "README.md"
TABLE_START, TABLE_END = "<!-- bench:start -->", "<!-- bench:end -->"
HORIZON = 1_000_000
LOOP_SAMPLE = 300  # steps timed one by one, then scaled to the horizon
SAMPLED_STEPS = 1_000  # steps where the fast curve is compared with Keras, step by step
TARGETS = {"a": 0.5, "b": 1.15, "c": 1, "d_ms": 50.0, "d_rel": 1e-6, "e_test_minutes": 10.0, "f": 2.0}

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


def _build(project: Path, memory: bool = False) -> tuple[float, int, dict]:
    """``python -m tools build`` in ``project``: wall time, peak memory, and its report."""
    report = project / "report.json"
    seconds, peak, _ = _timed([sys.executable, "-m", "tools", "build", "--report", str(report)], project, memory)
    return seconds, peak, json.loads(report.read_text())


def cold_builds(project: Path) -> dict:
    """Row a (and e's memory): our cold build against fresh processes one after another."""
    seconds, peak, report = _build(project, memory=True)
    naive = {}
    commands = {script.stem: [sys.executable, str(script)] for script in sorted((project / "snippets").glob("[!_]*.py"))}
    for script in sorted((project / "comparison").glob("*.py")):  # the comparison's techniques
        if script.stem not in ("__init__", "task"):
            commands[f"comparison-{script.stem}"] = [sys.executable, "-m", f"comparison.{script.stem}"]
    for name, command in commands.items():
        started = time.perf_counter()
        subprocess.run(command, cwd=project, env=environment(), capture_output=True)
        naive[name] = time.perf_counter() - started  # a pitfall cell ends some scripts with its error
    ours = report["seconds"]["snippets"]
    return {"ours_s": ours, "build_total_s": seconds, "naive_s": sum(naive.values()), "naive_per_snippet_s": naive,
            "ratio": ours / sum(naive.values()), "ran": len(report["ran"]), "peak_memory_bytes": peak}


def plain_config(project: Path) -> Path:
    """``mkdocs.yml`` without the lr-cookbook plugin (and not strict)."""
    lines = [line for line in (project / "mkdocs.yml").read_text().splitlines()
             if line.strip() not in ("- lr-cookbook", "strict: true")]
    plain = project / "mkdocs.plain.yml"
    plain.write_text("\n".join(lines) + "\n")
    return plain


def warm_builds(project: Path, repeats: int = 3) -> dict:
    """Row b: our warm build against ``mkdocs build`` without the lr-cookbook plugin, median of ``repeats``.

    Also timed: ``mkdocs build`` of the real mkdocs.yml (every plugin, ours warm), to show
    what the ``python -m tools`` layer adds.
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
            "ratio": statistics.median(ours) / statistics.median(baseline), "ran": max(ran)}


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
    """Row f: the HTML of each notebook page against its recipe page's, in every language, and the site's size."""
    ratios, notebooks, recipes = [], [], []
    for notebook in sorted(site.rglob("runs/notebooks/*/index.html")):
        recipe = notebook.parents[3] / notebook.parent.name / "index.html"
        notebooks.append(notebook.stat().st_size)
        recipes.append(recipe.stat().st_size)
        ratios.append(notebooks[-1] / recipes[-1])
    return {"notebook_pages": len(notebooks), "notebook_median_bytes": statistics.median(notebooks),
            "recipe_median_bytes": statistics.median(recipes), "max_ratio": max(ratios),
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file())}


def test_time() -> float:
    """Row e: wall time of ``make test`` in the project, as a developer runs it."""
    started = time.perf_counter()
    subprocess.run(["make", "test"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def table(results: dict) -> str:
    """The results as a Markdown table, with the target of each row and whether it was met."""
    a, b, c, d, e, f = (results.get(row) for row in "abcdef")
    lines = ["| row | measured | baseline | ratio / value | target | met |", "| --- | --- | --- | --- | --- | --- |"]

    def add(row, measured, baseline, value, target, met):
        verdict = "" if met is None else "yes" if met else "**no**"  # None: no target, for reference
        lines.append(f"| {row} | {measured} | {baseline} | {value} | {target} | {verdict} |")

    if a:
        add("a. cold build, all snippets", f"{a['ours_s']:.1f} s ({a['ran']} snippets, 2 workers)",
            f"{a['naive_s']:.1f} s (fresh `python` each, in turn)", f"{a['ratio']:.2f}", f"<= {TARGETS['a']}",
            a["ratio"] <= TARGETS["a"])
    if b:
        add("b. warm build, nothing changed", f"{b['ours_s']:.1f} s ({b['ran']} snippets run)",
            f"{b['mkdocs_s']:.1f} s (`mkdocs build`, no lr-cookbook plugin)", f"{b['ratio']:.2f}",
            f"<= {TARGETS['b']}", b["ratio"] <= TARGETS["b"])
        add("b'. warm build, same mkdocs.yml", f"{b['ours_s']:.1f} s", f"{b['mkdocs_same_config_s']:.1f} s "
            "(`mkdocs build`, every plugin)", f"{b['ours_s'] / b['mkdocs_same_config_s']:.2f}", "", None)
    if c:
        add("c. one snippet edited", f"{c['ours_s']:.1f} s, {c['reran']} re-run ({', '.join(c['ran'])})",
            "row b's warm build", f"{c['ratio_to_warm']:.2f}", "exactly 1 re-run", c["reran"] == TARGETS["c"])
    for name, row in (d or {}).items():
        ok = row["fast_ms"] <= TARGETS["d_ms"] and row["max_relative_error"] <= TARGETS["d_rel"]
        add(f"d. {name}, 1M steps", f"{row['fast_ms']:.1f} ms", f"{row['loop_s']:.0f} s (loop, scaled)",
            f"max rel. error {row['max_relative_error']:.1e} at {row['steps_compared']} steps",
            f"<= {TARGETS['d_ms']:.0f} ms, <= 1e-6", ok)
    if a:
        add("e. peak memory, cold build", f"{a['peak_memory_bytes'] / 2**20:.0f} MiB (all processes)", "", "", "", None)
    if e is not None:
        add("e. `make test`", f"{e / 60:.1f} min", "", "", f"< {TARGETS['e_test_minutes']:.0f} min",
            e / 60 < TARGETS["e_test_minutes"])
    if f:
        add("f. notebook page / its recipe page", f"{f['notebook_median_bytes'] / 1000:.0f} KB median "
            f"({f['notebook_pages']} pages)", f"{f['recipe_median_bytes'] / 1000:.0f} KB median (recipe pages)",
            f"at most {f['max_ratio']:.2f}", f"<= {TARGETS['f']:.0f}", f["max_ratio"] <= TARGETS["f"])
        add("f. whole site", f"{f['site_bytes'] / 1e6:.1f} MB", "", "", "", None)
    return "\n".join(lines)


def write_readme_table(markdown: str, machine: str) -> None:
    """Replace the table between the bench markers in README.md."""
    text = README.read_text()
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    README.write_text(text[:start] + f"\n{machine}\n\n{markdown}\n" + text[end:])


def main(argv: list[str] | None = None) -> None:
    """Run the chosen rows (all by default), print the table, write bench.json and README's table."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="abcdef", help="which rows to run, e.g. 'abc' (default: all)")
    args = parser.parse_args(argv)
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="lr-bench-") as scratch:
        project = copy_project(Path(scratch) / "project")
        if set(args.rows) & set("abcf"):
            console.print("a. cold build, then each snippet in a fresh process ...")
            results["a"] = cold_builds(project)
        if "f" in args.rows:
            results["f"] = page_weights(project / "site")
        if set(args.rows) & set("bc"):
            console.print("b. warm builds against mkdocs build ...")
            results["b"] = warm_builds(project)
        if "c" in args.rows:
            console.print("c. one snippet edited ...")
            results["c"] = edited_build(project, results["b"]["ours_s"])
    if "d" in args.rows:
        console.print("d. schedule curves over 1,000,000 steps ...")
        results["d"] = schedule_curves()
    if "e" in args.rows:
        console.print("e. make test ...")
        results["e"] = test_time()
    machine = f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, by `make bench`:"
    markdown = table(results)
    RESULTS.write_text(json.dumps({"machine": machine, "targets": TARGETS, "results": results}, indent=1) + "\n")
    if set(args.rows) == set("abcdef"):
        write_readme_table(markdown, machine)
    rich_table = Table(title="make bench")
    header, _, *rows = markdown.splitlines()
    for column in header.strip("|").split("|"):
        rich_table.add_column(column.strip())
    for row in rows:
        rich_table.add_row(*(cell.strip() for cell in row.strip("|").split("|")))
    console.print(rich_table)
    console.print(f"written to {RESULTS.relative_to(ROOT)}" + (" and README.md" if set(args.rows) == set("abcdef") else ""))


if __name__ == "__main__":
    main()
