"""Stage 4: draw a run's recorded learning rate and losses as an SVG, per language.

The bytes are deterministic: a fixed SVG hash salt, no date in the metadata,
and text kept as text (``svg.fonttype: none``) so that the browser renders
Japanese with its own fonts.
"""

from __future__ import annotations

import io

from tools.paths import LANGUAGES
from tools.records import FitRecord, RunRecord

# The words on a plot, in each site language (terms as in the glossary)
WORDS: dict[str, dict[str, str]] = {
    "en": {"step": "training step", "learning_rate": "learning rate", "epoch_loss": "loss per epoch",
           "loss": "training loss", "val_loss": "validation loss"},
    "ja": {"step": "学習ステップ", "learning_rate": "学習率", "epoch_loss": "エポックごとの損失",
           "loss": "訓練損失", "val_loss": "検証損失"},
    "pt-BR": {"step": "passo de treinamento", "learning_rate": "taxa de aprendizado",
              "epoch_loss": "perda por época", "loss": "perda de treinamento", "val_loss": "perda de validação"},
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


def render(record: RunRecord, language: str) -> bytes:
    """The SVG of one run: learning rate per step above, loss per epoch below."""
    import matplotlib  # here, not at the top: a warm build that draws nothing does not pay for the import

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context(STYLE):
        figure, (top, bottom) = plt.subplots(
            2, 1, figsize=(7.5, 5.2), sharex=True, gridspec_kw={"height_ratios": [3, 2]}
        )
        figure.subplots_adjust(left=0.11, right=0.97, top=0.97, bottom=0.1, hspace=0.08)
        for index, (model, fits) in enumerate(curves(record).items()):
            color = f"C{index}"
            steps = [s for fit in fits for s in fit.steps]
            rates = [r for fit in fits for r in fit.learning_rate]
            top.step(steps, rates, where="post", color=color, label=model, linewidth=1.6)
            ends = [s for fit in fits for s in fit.epoch_end_step]
            bottom.plot(ends, [v for fit in fits for v in fit.loss], color=color, linestyle="-",
                        marker=".", label=f"{model}: {WORDS[language]['loss']}")
            val = [v for fit in fits for v in fit.val_loss]
            if len(val) == len(ends):
                bottom.plot(ends, val, color=color, linestyle="--", marker=".",
                            label=f"{model}: {WORDS[language]['val_loss']}")
        top.set_ylabel(WORDS[language]["learning_rate"])
        top.ticklabel_format(axis="y", style="sci", scilimits=(-2, 2))
        top.legend(loc="upper right", fontsize=9)
        bottom.set_ylabel(WORDS[language]["epoch_loss"])
        bottom.set_xlabel(WORDS[language]["step"])
        bottom.legend(loc="upper right", fontsize=8, ncol=2 if len(curves(record)) > 2 else 1)
        buffer = io.BytesIO()
        figure.savefig(buffer, **SVG_SAVE)
        plt.close(figure)
    return buffer.getvalue()


def render_all(record: RunRecord) -> dict[str, bytes]:
    """The run's plot in every site language, by file name."""
    return {plot_name(language): render(record, language) for language in LANGUAGES}
