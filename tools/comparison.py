"""The comparison page: the records of the techniques in ``comparison/`` (five seeds each) as a table,
a verdict, plots and the code that ran.

Markers (in ``docs/comparison*.md``):

* ``<!-- lr-comparison: table -->``: one row per technique, best mean final validation accuracy first:
  final validation accuracy and loss (mean ± standard deviation, and the 95 % interval of each mean),
  the steps each seed took to reach the target accuracy, the training time, and the difference in
  accuracy from the baseline with its 95 % interval (Welch).
* ``<!-- lr-comparison: verdict -->``: which differences are within the noise, in words.
* ``<!-- lr-comparison: curves -->`` and ``<!-- lr-comparison: rates -->``: the mean validation accuracy
  per epoch with a band of one standard deviation (a panel per family, the baseline in each), and the
  recorded learning rate of every technique, side by side.
* ``<!-- lr-comparison: code -->``: the task and each technique's code, as the build ran them.

Everything comes from the records; nothing is typed in. The plots are drawn when their inputs change
(:func:`figure_files`, cached by the key of every technique's run) and copied to ``docs/runs/``.
"""

from __future__ import annotations

import hashlib
import html
import io
import math
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from tools.atomic import replaced_directory
from tools.discover import TECHNIQUE_PREFIX
from tools.labels import COMPARISON_WORDS
from tools.numbers import interval, number
from tools.paths import COMPARISON_DIR, DOCS_DIR, FIGURE_CACHE, LANGUAGES
from tools.records import FitRecord, RunRecord


class ComparisonError(ValueError):
    """Comparison markers that the records cannot fill (the baseline's run is missing)."""

COMPARISON_MARKER = re.compile(r"<!--\s*lr-comparison:\s*(?P<part>table|verdict|curves|rates|code)\s*-->")
BASELINE = "adam_default"
FAMILIES = ("keras_schedules", "other_schedules", "callbacks", "optimizers")
KERAS_SCHEDULES = {"ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay",
                   "CosineDecay", "CosineDecayRestarts"}
# Lighter SVGs: a vertex less than a pixel off the line is left out (23 curves of 255 steps), and each
# text names two fonts, not matplotlib's list of a dozen fallbacks
LIGHT = {"path.simplify_threshold": 1.0, "font.sans-serif": ["DejaVu Sans"]}


@dataclass
class Summary:
    """Mean, standard deviation (n - 1) and the half-width of the 95 % interval of the mean."""

    mean: float
    sd: float
    half: float


@dataclass
class Technique:
    """One technique's five runs."""

    stem: str  # comparison/STEM.py
    fits: list[FitRecord]  # one per seed, in seed order
    key: str  # its run's cache key

    @property
    def schedule(self) -> str | None:
        return self.fits[0].schedule["class"] if self.fits[0].schedule else None

    @property
    def family(self) -> str:
        if self.fits[0].callbacks:
            return "callbacks"
        if self.schedule:
            return "keras_schedules" if self.schedule in KERAS_SCHEDULES else "other_schedules"
        return "optimizers"

    def name_parts(self, language: str) -> tuple[str, str]:
        """Its name in code (the schedule's, callback's or optimizer's class), and words of the page's
        language after it (a CosineDecay's warmup; an optimizer's rate, and SGD's momentum)."""
        fit = self.fits[0]
        if fit.callbacks:
            return fit.callbacks[0]["class"], ""
        if self.schedule:
            warmup = self.schedule == "CosineDecay" and fit.schedule["config"].get("warmup_target") is not None
            return self.schedule, COMPARISON_WORDS[language]["with_warmup"] if warmup else ""
        momentum = (COMPARISON_WORDS[language]["momentum"].format(value=number(fit.momentum[0], "g", language))
                    if fit.optimizer == "SGD" and fit.momentum and fit.momentum[0] else "")
        return fit.optimizer, f" {number(fit.learning_rate[-1], 'g', language)}{momentum}"  # the rate after a warmup

    def label(self, language: str) -> str:
        """Its name as plain text (plots, titles)."""
        return "".join(self.name_parts(language))

    def markdown(self, language: str) -> str:
        """Its name in Markdown, the code part as code."""
        code, words = self.name_parts(language)
        return f"`{code}`{words}"

    def final(self, metric: str) -> list[float]:
        return [getattr(fit, metric)[-1] for fit in self.fits]

    def steps_to_target(self, target: float) -> list[int | None]:
        """Per seed, the steps done when an epoch first ended at or above ``target`` (None: never)."""
        return [next((step for step, accuracy in zip(fit.epoch_end_step, fit.val_accuracy) if accuracy >= target),
                     None) for fit in self.fits]


def summary(values: list[float]) -> Summary:
    from scipy import stats

    n = len(values)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return Summary(mean, sd, stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n))


def welch(a: list[float], b: list[float]) -> tuple[float, float, float, float]:
    """Mean of ``a`` minus mean of ``b``, the 95 % interval of that difference and the p-value of
    Welch's t-test (unequal variances)."""
    from scipy import stats

    sa, sb = summary(a), summary(b)
    va, vb = sa.sd ** 2 / len(a), sb.sd ** 2 / len(b)
    diff, error = sa.mean - sb.mean, math.sqrt(va + vb)
    if error == 0:
        return diff, diff, diff, 0.0 if diff else 1.0
    freedom = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    half = stats.t.ppf(0.975, freedom) * error
    return diff, diff - half, diff + half, float(2 * stats.t.sf(abs(diff) / error, freedom))


def techniques(records: dict[str, RunRecord]) -> list[Technique]:
    """Every technique that has a record, best mean final validation accuracy first."""
    found = [Technique(name.removeprefix(TECHNIQUE_PREFIX), sorted(record.fits, key=lambda f: f.model), record.key)
             for name, record in records.items() if name.startswith(TECHNIQUE_PREFIX)]
    return sorted(found, key=lambda t: (-summary(t.final("val_accuracy")).mean, t.stem))


def target_accuracy() -> float:
    """The target of "steps to reach", as the task module sets it."""
    return float(re.search(r"^TARGET_ACCURACY = ([\d.]+)", (COMPARISON_DIR / "task.py").read_text(), re.M)[1])


# ---- the page's parts ----

def _number(value: float, language: str, digits: int = 3) -> str:
    return number(value, f".{digits}f", language)


def _link(technique: Technique, language: str) -> str:
    code, words = technique.name_parts(language)
    name = f"<code>{html.escape(code)}</code>{html.escape(words)}"
    if not (DOCS_DIR / f"{technique.stem}.md").exists():
        return name
    return f'<a href="../{technique.stem}/">{name}</a>'  # the recipe, beside this page


def _median_steps(steps: list[int | None], words: dict[str, str], language: str) -> str:
    """The median over all seeds, a seed that never got there counting as the slowest, and how many got there."""
    ordered = sorted(steps, key=lambda step: math.inf if step is None else step)
    middle = [ordered[(len(ordered) - 1) // 2], ordered[len(ordered) // 2]]
    reached = sum(step is not None for step in steps)
    if None in middle:
        return words["never"].format(reached=reached, count=len(steps))
    return f"{number(sum(middle) / 2, 'g', language)} ({reached}/{len(steps)})"


def table(found: list[Technique], language: str) -> str:
    """The results table, as HTML (one line per row, so the page's Markdown keeps its line numbers)."""
    words = COMPARISON_WORDS[language]
    target = target_accuracy()
    baseline = next(t for t in found if t.stem == BASELINE)
    head = "".join(f"<th>{html.escape(words[key].format(target=_number(target * 100, language, 0)))}</th>"
                   for key in ("technique", "accuracy", "interval", "loss", "loss_interval", "steps", "seconds",
                               "versus"))
    rows = []
    for technique in found:
        accuracy, loss = summary(technique.final("val_accuracy")), summary(technique.final("val_loss"))
        seconds = summary([fit.seconds for fit in technique.fits])
        steps = _median_steps(technique.steps_to_target(target), words, language)
        pct = lambda v: _number(100 * v, language, 1)  # noqa: E731
        if technique is baseline:
            versus = words["baseline"]
        else:
            diff, low, high, p = welch(technique.final("val_accuracy"), baseline.final("val_accuracy"))
            mark = "" if p >= 0.05 else (" ▲" if diff > 0 else " ▼")
            versus = f"{'+' if diff >= 0 else '−'}{pct(abs(diff))} {interval(pct(low), pct(high), language)}{mark}"
        cells = [_link(technique, language),
                 f"{pct(accuracy.mean)} ± {pct(accuracy.sd)}",
                 interval(pct(accuracy.mean - accuracy.half), pct(accuracy.mean + accuracy.half), language),
                 f"{_number(loss.mean, language)} ± {_number(loss.sd, language)}",
                 interval(_number(loss.mean - loss.half, language), _number(loss.mean + loss.half, language), language),
                 steps,
                 f'<span class="lr-measured" data-pagefind-ignore>{_number(seconds.mean, language, 1)} ± '
                 f'{_number(seconds.sd, language, 1)}</span>',
                 versus]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    # no class on the table itself: Material styles tables without one
    return (f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table lr-comparison"><table>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></div>\n")


def verdict(found: list[Technique], language: str) -> str:
    """Which differences are within the noise: against the best technique and against the baseline."""
    words = COMPARISON_WORDS[language]
    best, baseline = found[0], next(t for t in found if t.stem == BASELINE)

    def names(group: list[Technique]) -> str:
        return words["and"].join(t.markdown(language) for t in group) if group else words["none"]

    def p_value(a: Technique, b: Technique) -> float:
        return welch(a.final("val_accuracy"), b.final("val_accuracy"))[3]

    tied = [t for t in found[1:] if p_value(t, best) >= 0.05]
    better = [t for t in found if t is not baseline and p_value(t, baseline) < 0.05
              and summary(t.final("val_accuracy")).mean > summary(baseline.final("val_accuracy")).mean]
    worse = [t for t in found if t is not baseline and p_value(t, baseline) < 0.05 and t not in better]
    same = [t for t in found if t is not baseline and t not in better and t not in worse]
    losses = {t.stem: welch(t.final("val_loss"), baseline.final("val_loss")) for t in found if t is not baseline}
    lower = [t for t in found if t.stem in losses and losses[t.stem][3] < 0.05 and losses[t.stem][0] < 0]
    higher = [t for t in found if t.stem in losses and losses[t.stem][3] < 0.05 and losses[t.stem][0] > 0]
    return words["verdict"].format(
        best=best.markdown(language), count=len(found), tied=names(tied), tied_count=len(tied),
        baseline=baseline.markdown(language), better=names(better), worse=names(worse),
        same_count=len(same), lower=names(lower), higher=names(higher), higher_count=len(higher)) + "\n"


def code(found: list[Technique], language: str) -> str:
    """The task and each technique's file, in collapsed blocks (Material's ``???``)."""
    words = COMPARISON_WORDS[language]
    blocks = [("comparison/task.py", words["task_code"])] + [
        (f"comparison/{t.stem}.py", t.label(language)) for t in sorted(found, key=lambda t: t.stem)]
    parts = []
    for path, title in blocks:
        source = (COMPARISON_DIR.parent / path).read_text().rstrip("\n")
        indented = "\n".join(f"    {line}" if line else "" for line in source.split("\n"))
        parts.append(f'??? example "{title} · `{path}`"\n\n    ```python\n{indented}\n    ```\n')
    return "\n".join(parts)


def figure_markdown(part: str, language: str, page_src: str) -> str:
    words = COMPARISON_WORDS[language]
    name = figure_file(part, language)
    src = posixpath.relpath(f"runs/{name}", posixpath.dirname(page_src) or ".")
    return (f'<figure class="lr-plot" markdown="1">\n\n![{words[part + "_alt"]}]({src})\n\n'
            f'<figcaption markdown="1">{words[part + "_caption"]}</figcaption>\n</figure>\n')


def replace(markdown: str, page_src: str, language: str, records: dict[str, RunRecord]) -> str:
    """Every comparison marker of a page, from the records (a page without one is returned as it is)."""
    if not COMPARISON_MARKER.search(markdown):
        return markdown
    found = techniques(records)
    if not any(t.stem == BASELINE for t in found):
        raise ComparisonError(f"the comparison has no run of its baseline comparison/{BASELINE}.py")
    render = {"table": lambda: table(found, language), "verdict": lambda: verdict(found, language),
              "code": lambda: code(found, language)}
    return COMPARISON_MARKER.sub(lambda m: render[m["part"]]() if m["part"] in render
                                 else figure_markdown(m["part"], language, page_src), markdown)


# ---- the plots ----

def figure_file(part: str, language: str) -> str:
    """The plot's file name under ``docs/runs/`` (``NAME.ja.svg`` for Japanese, as mkdocs-static-i18n wants)."""
    return f"comparison-{part}.svg" if language == LANGUAGES[0] else f"comparison-{part}.{language}.svg"


def figure_files(records: dict[str, RunRecord], cache_dir: Path = FIGURE_CACHE) -> dict[str, bytes]:
    """Every comparison plot in every language, by file name: drawn when the runs or this module
    changed, else read from the cache."""
    found = techniques(records)
    if not found:
        return {}
    digest = hashlib.sha256(b"".join(Path(__file__).with_name(name).read_bytes()
                                     for name in ("comparison.py", "labels.py", "plot.py", "numbers.py")))
    for technique in sorted(found, key=lambda t: t.stem):
        digest.update(f"{technique.stem}:{technique.key}\n".encode())
    entry = cache_dir / digest.hexdigest()[:20]
    names = [figure_file(part, language) for part in ("curves", "rates") for language in LANGUAGES]
    if all((entry / name).is_file() for name in names):
        return {name: (entry / name).read_bytes() for name in names}
    drawn = {}
    for language in LANGUAGES:
        drawn[figure_file("curves", language)] = _curves_svg(found, language)
        drawn[figure_file("rates", language)] = _rates_svg(found, language)
    with replaced_directory(entry) as staging:
        for name, data in drawn.items():
            (staging / name).write_bytes(data)
    for old in cache_dir.iterdir():
        if old != entry and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return drawn


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from tools.plot import ensure_cjk_font

    ensure_cjk_font()
    return plt


def _save(figure, plt, language: str) -> bytes:
    from tools.plot import SVG_SAVE, localize_ticks

    localize_ticks(figure, language)
    buffer = io.BytesIO()
    figure.savefig(buffer, **SVG_SAVE)
    plt.close(figure)
    return buffer.getvalue()


def _curves_svg(found: list[Technique], language: str) -> bytes:
    """Mean validation accuracy per epoch with a band of ± one standard deviation, a panel per family."""
    import numpy as np

    from tools.plot import STYLE, model_colors

    plt, words = _pyplot(), COMPARISON_WORDS[language]
    baseline = next(t for t in found if t.stem == BASELINE)
    with plt.rc_context(STYLE | LIGHT):
        figure, axes = plt.subplots(2, 2, figsize=(9, 7.6), sharex=True, sharey=True)
        figure.subplots_adjust(left=0.08, right=0.99, top=0.96, bottom=0.07, hspace=0.16, wspace=0.06)
        for axis, family in zip(axes.flat, FAMILIES):
            group = [t for t in found if t.family == family and t is not baseline]
            for technique, color in [(baseline, "0.45")] + list(zip(group, model_colors(len(group)))):
                curves = np.array([fit.val_accuracy for fit in technique.fits])
                epochs = np.arange(1, curves.shape[1] + 1)
                mean, sd = curves.mean(axis=0), curves.std(axis=0, ddof=1)
                style = "--" if technique is baseline else "-"
                axis.plot(epochs, mean, style, color=color, linewidth=1.5, label=technique.label(language))
                axis.fill_between(epochs, mean - sd, mean + sd, color=color, alpha=0.15, linewidth=0)
            axis.set_title(words[family], fontsize=10)
            axis.legend(fontsize=7, loc="lower right", ncol=1 if len(group) < 6 else 2)
        for axis in axes[-1]:
            axis.set_xlabel(words["epoch"])
        for axis in axes[:, 0]:
            axis.set_ylabel(words["val_accuracy"])
        low = min(float(np.min([f.val_accuracy for f in t.fits])) for t in found)
        axes[0, 0].set_ylim(max(0.0, low - 0.02), None)
        return _save(figure, plt, language)


def _rates_svg(found: list[Technique], language: str) -> bytes:
    """The learning rate every technique's runs applied at each step, a small panel each (seeds
    whose rates differ, as under ReduceLROnPlateau, each drawn)."""
    from matplotlib.ticker import FormatStrFormatter

    from tools.plot import STYLE

    plt, words = _pyplot(), COMPARISON_WORDS[language]
    ordered = [t for family in FAMILIES for t in found if t.family == family]
    columns = 4
    rows = -(-len(ordered) // columns)
    with plt.rc_context(STYLE | LIGHT | {"font.size": 8}):
        height = 1.45 * rows + 0.6
        figure, axes = plt.subplots(rows, columns, figsize=(9, height), sharex=True)
        figure.subplots_adjust(left=0.07, right=0.99, top=1 - 0.25 / height, bottom=0.5 / height, hspace=0.55,
                               wspace=0.35)
        for axis in axes.flat[len(ordered):]:
            axis.set_visible(False)
        for axis, technique in zip(axes.flat, ordered):
            distinct = []
            for fit in technique.fits:
                if fit.learning_rate not in distinct:
                    distinct.append(fit.learning_rate)
            for rates in distinct:
                axis.step(technique.fits[0].steps, rates, where="post", linewidth=1.1, color="C1", alpha=0.8)
            axis.set_title(technique.label(language), fontsize=8)
            axis.yaxis.set_major_formatter(FormatStrFormatter("%g"))  # 0.005, not an offset "1e-2" over the title
            axis.set_ylim(0, None)
        for axis in axes[-1]:
            axis.set_xlabel(words["step"])
        return _save(figure, plt, language)
