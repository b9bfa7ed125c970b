"""Stage 4: draw a run's recorded learning rate and losses as an SVG, per language.

The bytes are deterministic: a fixed SVG hash salt, no date in the metadata,
and text kept as text (``svg.fonttype: none``) so that the browser renders
Japanese with its own fonts.
"""

from __future__ import annotations

import io
from pathlib import Path

from tools.numbers import DECIMAL, GROUP
from tools.paths import LANGUAGES
from tools.records import FitRecord, RunRecord

# The words on a plot, in each site language (terms as in the glossary)
WORDS: dict[str, dict[str, str]] = {
    "en": {"step": "training step", "learning_rate": "learning rate", "epoch_loss": "loss per epoch",
           "loss": "training loss", "val_loss": "validation loss", "momentum": "momentum (β1)"},
    "ja": {"step": "学習ステップ", "learning_rate": "学習率", "epoch_loss": "エポックごとの損失",
           "loss": "訓練損失", "val_loss": "検証損失", "momentum": "モメンタム（β1）"},
    "pt-BR": {"step": "passo de treinamento", "learning_rate": "taxa de aprendizado",
              "epoch_loss": "perda por época", "loss": "perda de treinamento", "val_loss": "perda de validação",
              "momentum": "momentum (β1)"},
}

SVG_SAVE = {"format": "svg", "metadata": {"Date": None}}
STYLE = {
    "svg.hashsalt": "lr-cookbook",
    "svg.fonttype": "none",
    "font.family": ["DejaVu Sans", "Noto Sans CJK JP", "sans-serif"],
    "font.size": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
}


CJK_FAMILY = "Noto Sans CJK JP"  # measures the Japanese labels (Debian's fonts-noto-cjk, installed by make)


def ensure_cjk_font() -> None:
    """Make matplotlib know the CJK font, or fail saying what to install.

    Matplotlib lists the system's fonts once, in a cache; fonts installed after
    that (``make`` installs fonts-noto-cjk) are missing from it, and Japanese
    labels would then be measured with a font that lacks their glyphs (wrong box
    sizes, different bytes on another machine). The installed files are added.
    """
    from matplotlib import font_manager

    def known() -> bool:
        return any(font.name == CJK_FAMILY for font in font_manager.fontManager.ttflist)

    if known():
        return
    for path in font_manager.findSystemFonts():
        if Path(path).name.startswith("NotoSansCJK"):
            font_manager.fontManager.addfont(path)
    if not known():
        raise RuntimeError(f"the Japanese plots need the font {CJK_FAMILY!r}: `make site` installs it "
                           "(apt-get install fonts-noto-cjk)")


def plot_name(language: str) -> str:
    """File name of a run's plot in a language, inside its cache entry."""
    return f"plot.{language}.svg"


PLOT_NAMES = tuple(plot_name(language) for language in LANGUAGES)


def figure_name(number: int) -> str:
    """File name of the ``number``-th figure a snippet drew itself (from 1), inside its cache entry."""
    return f"figure-{number}.svg"


def curves(record: RunRecord) -> dict[str, list[FitRecord]]:
    """The fits that trained, grouped by model object: a model fitted twice draws one curve.

    Keys are the models' names, made unique with a number when two models share one.
    """
    grouped: dict[int, list[FitRecord]] = {}
    for fit in record.fits:
        if fit.steps:  # a fit that failed before its first step has nothing to draw
            grouped.setdefault(fit.model_id, []).append(fit)
    names = [fits[0].model for fits in grouped.values()]
    return {
        (name if names.count(name) == 1 else f"{name} #{names[:i + 1].count(name)}"): fits
        for i, (name, fits) in enumerate(zip(names, grouped.values()))
    }


def spans_decades(values: list[float], share: float = 0.25, below: float = 0.01) -> bool:
    """Whether more than ``share`` of the values lie below ``below`` times the largest, all of
    them positive: then they are drawn on a logarithmic axis (a range test's rates, spread evenly
    over the decades from 1e-7 to 10), which a linear one would flatten to a line. A cosine that
    only ends near 0 stays on a linear axis."""
    if not values or min(values) <= 0:
        return False
    largest = max(values)
    return sum(value < largest * below for value in values) > share * len(values)


LINE_STYLES = ("-", "--", ":", "-.") * 4  # one per optimizer of a model, in its colour


def rate_curves(fits: list[FitRecord], model: str) -> dict[str, list[float]]:
    """A model's rate per step, by curve name: the model's, or ``model: optimizer`` for each
    sub-optimizer of a ``MultiOptimizer``."""
    if not fits[0].groups:
        return {model: [r for fit in fits for r in fit.learning_rate]}
    return {f"{model}: {name}": [r for fit in fits for r in fit.groups.get(name, [])] for name in fits[0].groups}


def momentum_varies(record: RunRecord) -> bool:
    """Whether some fit's momentum (SGD's ``momentum``, ``beta_1``) changed during the run: then it is drawn."""
    return any(len(set(fit.momentum)) > 1 for fit in record.fits)


def model_colors(count: int) -> list:
    """One colour per model: matplotlib's ten, or tab20's twenty when there are more than ten
    models (the default cycle would repeat a colour)."""
    import matplotlib

    if count <= 10:
        return [f"C{index}" for index in range(count)]
    palette = matplotlib.colormaps["tab20"].colors
    return [palette[index % len(palette)] for index in range(count)]


LEGEND_COLUMNS = 3  # the curves' legend, under the plots


def localize_ticks(figure, language: str) -> None:
    """Write every tick label and axis offset of ``figure`` as ``language`` writes numbers
    (Brazilian Portuguese: ``0,005``), keeping what each axis's own formatter chose to show."""
    from matplotlib.ticker import Formatter

    if DECIMAL[language] == ".":
        return  # Python's own marks
    marks = str.maketrans({".": DECIMAL[language], ",": GROUP[language]})

    class Localized(Formatter):
        def __init__(self, inner):
            self.inner = inner

        def set_axis(self, axis):
            super().set_axis(axis)
            self.inner.set_axis(axis)

        def set_locs(self, locs):
            super().set_locs(locs)
            self.inner.set_locs(locs)

        def __call__(self, x, pos=None):
            return self.inner(x, pos).translate(marks)

        def get_offset(self):
            return self.inner.get_offset().translate(marks)

    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):  # shared axes share their formatters: wrap each once
            if not isinstance(axis.get_major_formatter(), Localized):
                axis.set_major_formatter(Localized(axis.get_major_formatter()))
            if not isinstance(axis.get_minor_formatter(), Localized):
                axis.set_minor_formatter(Localized(axis.get_minor_formatter()))


def render(record: RunRecord, language: str) -> bytes:
    """The SVG of one run: learning rate per step above, the momentum per step when it changed,
    and the loss per epoch below; one legend under the plots names the curves (a colour per
    model), and the loss panel says which line is the training and which the validation loss."""
    import matplotlib  # here, not at the top: a warm build that draws nothing does not pay for the import

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    ensure_cjk_font()
    words = WORDS[language]

    with plt.rc_context(STYLE):
        with_momentum = momentum_varies(record)
        ratios = [3, 1.6, 2] if with_momentum else [3, 2]
        drawn = curves(record)
        names = [name for model, fits in drawn.items() for name in rate_curves(fits, model)]
        rows = -(-len(names) // LEGEND_COLUMNS)
        legend_height = 0.25 + 0.2 * rows  # inches
        height = 4.9 + 1.6 * with_momentum + legend_height
        figure, axes = plt.subplots(len(ratios), 1, figsize=(7.5, height), sharex=True,
                                    gridspec_kw={"height_ratios": ratios})
        top, bottom = axes[0], axes[-1]
        figure.subplots_adjust(left=0.11, right=0.97, top=1 - 0.15 / height,
                               bottom=(legend_height + 0.45) / height, hspace=0.08)
        any_validation = False
        for color, (model, fits) in zip(model_colors(len(drawn)), drawn.items()):
            steps = [s for fit in fits for s in fit.steps]
            for (name, rates), style in zip(rate_curves(fits, model).items(), LINE_STYLES):
                top.step(steps, rates, where="post", color=color, linestyle=style, label=name, linewidth=1.6)
            momenta = [m for fit in fits for m in fit.momentum]
            if with_momentum and len(momenta) == len(steps):
                axes[1].step(steps, momenta, where="post", color=color, linewidth=1.6)
            ends = [s for fit in fits for s in fit.epoch_end_step]
            bottom.plot(ends, [v for fit in fits for v in fit.loss], color=color, linestyle="-", marker=".")
            val = [v for fit in fits for v in fit.val_loss]
            if len(val) == len(ends) and val:
                bottom.plot(ends, val, color=color, linestyle="--", marker=".")
                any_validation = True
        top.set_ylabel(words["learning_rate"])
        if spans_decades([r for fit in record.fits for r in fit.learning_rate]):
            top.set_yscale("log")
        else:
            top.ticklabel_format(axis="y", style="sci", scilimits=(-2, 2))
        if spans_decades([v for fit in record.fits for v in fit.loss + fit.val_loss]):
            bottom.set_yscale("log")
        if with_momentum:
            axes[1].set_ylabel(words["momentum"])
        bottom.set_ylabel(words["epoch_loss"])
        bottom.set_xlabel(words["step"])
        styles = [Line2D([], [], color="0.3", linestyle="-", marker=".", label=words["loss"])]
        if any_validation:
            styles.append(Line2D([], [], color="0.3", linestyle="--", marker=".", label=words["val_loss"]))
        bottom.legend(handles=styles, loc="upper right", fontsize=8)
        handles, labels = top.get_legend_handles_labels()
        figure.legend(handles, labels, loc="lower center", ncol=min(LEGEND_COLUMNS, len(labels)), fontsize=8.5,
                      frameon=False, bbox_to_anchor=(0.5, 0.1 / height))
        localize_ticks(figure, language)
        buffer = io.BytesIO()
        figure.savefig(buffer, **SVG_SAVE)
        plt.close(figure)
    return buffer.getvalue()


def render_all(record: RunRecord) -> dict[str, bytes]:
    """The run's plot in every site language, by file name."""
    return {plot_name(language): render(record, language) for language in LANGUAGES}
