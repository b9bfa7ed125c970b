"""The schedule playground of each schedule page: what the ``<!-- lr-playground: NAME -->`` marker
becomes.

A spec says which schedule a page's playground draws, its parameters (kind, the recipe's value,
the valid range, a slider's range where one is natural) and how many steps the recipe trained, and
which model of the run trained with exactly those values (its recorded curve is the playground's
first curve; ``tests/test_playground.py`` holds the two equal). ``docs/assets/playground.js``
draws it, with the words of the page's language from :mod:`tools.labels`.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass

from tools.discover import base_of, language_of
from tools.labels import PLAYGROUND_HELP, PLAYGROUND_WORDS
from tools.paths import SITE_PREFIX

KERAS_SCHEDULES = "keras.optimizers.schedules."


@dataclass(frozen=True)
class Param:
    """One argument of the schedule's constructor, as the playground shows it."""

    name: str
    kind: str  # "float", "int", "bool", "choice", "ints" or "floats" (a list)
    value: object  # the recipe's value; None leaves an optional argument out
    min: float | None = None
    min_exclusive: bool = False
    max: float | None = None
    slider: tuple[float, float, float] | None = None  # low, high, step
    choices: tuple[str, ...] = ()
    optional: bool = False  # empty means None (Keras' default)


@dataclass(frozen=True)
class Spec:
    """A page's playground: the schedule, its parameters at the recipe's values, the recipe's horizon."""

    schedule: str  # the class name
    builtin: bool  # a Keras class (else the page's own subclass, defined on the page)
    params: tuple[Param, ...]
    steps: int  # the steps the recipe trained (the horizon the playground starts with)
    model: str  # the model of the run trained with these values

    @property
    def callable(self) -> str:
        """What the copied call starts with."""
        return KERAS_SCHEDULES + self.schedule if self.builtin else self.schedule

    def values(self) -> dict:
        """The recipe's values, by argument name."""
        return {param.name: param.value for param in self.params}


def _rate(name: str, value: float, optional: bool = False) -> Param:
    return Param(name, "float", value, min=0.0, optional=optional)


def _steps(name: str, value: int, least: int = 1, optional: bool = False) -> Param:
    return Param(name, "int", value, min=least, optional=optional)


def _fraction(name: str, value: float) -> Param:
    return Param(name, "float", value, min=0.0, max=1.0, slider=(0.0, 1.0, 0.01))


def _cosine(**values) -> tuple[Param, ...]:
    return (_rate("initial_learning_rate", values["initial_learning_rate"]),
            _steps("decay_steps", values["decay_steps"]),
            _fraction("alpha", values.get("alpha", 0.0)),
            _rate("warmup_target", values.get("warmup_target"), optional=True),
            _steps("warmup_steps", values.get("warmup_steps", 0), least=0))


SPECS: dict[str, Spec] = {
    "exponential_decay": Spec("ExponentialDecay", True, (
        _rate("initial_learning_rate", 0.01), _steps("decay_steps", 46),
        Param("decay_rate", "float", 0.5, min=0.0, min_exclusive=True, slider=(0.01, 1.0, 0.01)),
        Param("staircase", "bool", False)), steps=276, model="smooth"),
    "piecewise_constant_decay": Spec("PiecewiseConstantDecay", True, (
        Param("boundaries", "ints", [69, 138]), Param("values", "floats", [0.01, 0.003, 0.001])),
        steps=207, model="piecewise"),
    "polynomial_decay": Spec("PolynomialDecay", True, (
        _rate("initial_learning_rate", 0.01), _steps("decay_steps", 115), _rate("end_learning_rate", 0.0005),
        Param("power", "float", 2.0, min=0.0, min_exclusive=True, slider=(0.1, 5.0, 0.1)), Param("cycle", "bool", False)),
        steps=230, model="polynomial"),
    "inverse_time_decay": Spec("InverseTimeDecay", True, (
        _rate("initial_learning_rate", 0.01), _steps("decay_steps", 23),
        Param("decay_rate", "float", 0.5, min=0.0, slider=(0.0, 5.0, 0.05)),
        Param("staircase", "bool", False)), steps=230, model="smooth"),
    "cosine_decay": Spec("CosineDecay", True, _cosine(initial_learning_rate=0.01, decay_steps=230, alpha=0.1),
                         steps=276, model="cosine"),
    "warmup": Spec("CosineDecay", True, _cosine(initial_learning_rate=0.0, decay_steps=184, warmup_target=0.01,
                                                warmup_steps=46), steps=230, model="cosine_warmup"),
    "cosine_decay_restarts": Spec("CosineDecayRestarts", True, (
        _rate("initial_learning_rate", 0.01), _steps("first_decay_steps", 46),
        Param("t_mul", "float", 2.0, min=0.0, min_exclusive=True, slider=(0.5, 4.0, 0.1)),
        Param("m_mul", "float", 0.7, min=0.0, slider=(0.0, 1.5, 0.05)),
        _fraction("alpha", 0.0)), steps=345, model="sgdr"),
    "constant_with_warmup": Spec("ConstantWithWarmup", False, (
        _rate("learning_rate", 0.2), _steps("num_warmup_steps", 46, least=0)), steps=138, model="warmup"),
    "inverse_sqrt": Spec("InverseSquareRoot", False, (
        _rate("learning_rate", 0.01), _steps("num_warmup_steps", 46, least=0),
        _steps("timescale", None, optional=True)), steps=230, model="inverse_sqrt"),
    "one_cycle": Spec("OneCycle", False, (
        Param("max_lr", "float", 0.01, min=0.0, min_exclusive=True), _steps("total_steps", 230, least=2),
        Param("pct_start", "float", 0.3, min=0.0, min_exclusive=True, max=1.0, slider=(0.01, 1.0, 0.01)),
        Param("anneal_strategy", "choice", "cos", choices=("cos", "linear")),
        Param("div_factor", "float", 25.0, min=0.0, min_exclusive=True),
        Param("final_div_factor", "float", 1e4, min=0.0, min_exclusive=True),
        Param("three_phase", "bool", False)), steps=230, model="one_cycle"),
    "warmup_stable_decay": Spec("WarmupStableDecay", False, (
        _rate("learning_rate", 0.01), _steps("num_warmup_steps", 23, least=0), _steps("num_decay_steps", 46, least=0),
        _steps("num_stable_steps", 115, least=0),
        Param("warmup_type", "choice", "linear", choices=("linear", "cosine", "1-sqrt")),
        Param("decay_type", "choice", "linear", choices=("linear", "cosine", "1-sqrt")),
        _fraction("min_lr_ratio", 0.01)), steps=184, model="linear"),
    "cyclical": Spec("CyclicLR", False, (
        _rate("base_lr", 0.005), _rate("max_lr", 0.1), _steps("step_size_up", 23),
        _steps("step_size_down", None, optional=True),
        Param("mode", "choice", "triangular", choices=("triangular", "triangular2", "exp_range")),
        Param("gamma", "float", 1.0, min=0.0, min_exclusive=True, max=1.0, slider=(0.9, 1.0, 0.001))),
        steps=184, model="triangular"),
}


def spec_json(snippet: str, language: str) -> str:
    """The spec of ``snippet``'s playground with the words of ``language``, as the script reads it."""
    spec = SPECS[snippet]
    help_texts = PLAYGROUND_HELP[language]
    params = []
    for param in spec.params:
        entry = {key: value for key, value in asdict(param).items()
                 if key == "value" or not (value is None or value is False or value == ())}
        entry["help"] = help_texts.get(f"{spec.schedule}.{param.name}", help_texts.get(param.name))
        params.append(entry)
    data = {"name": snippet, "schedule": spec.schedule, "callable": spec.callable, "steps": spec.steps,
            "params": params, "model": spec.model, "words": PLAYGROUND_WORDS[language]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def script_src(page_src: str) -> str:
    """The path from the page (``x.ja.md``, built as ``ja/x/index.html``) to the site's ``assets/playground.js``."""
    language, base = language_of(page_src), base_of(page_src)
    url = SITE_PREFIX[language] + ("" if base == "index" else f"{base}/")
    return "../" * url.count("/") + "assets/playground.js"


def playground_html(snippet: str, language: str, page_src: str) -> str:
    """The panel the script fills in, and the script, one line: only a page with a playground loads it.
    Without JavaScript, a line that says the plot above shows the recorded runs."""
    return (f'<div class="lr-playground" hidden data-spec="{html.escape(spec_json(snippet, language))}"></div>'
            f'<noscript><p class="lr-playground__noscript">{html.escape(PLAYGROUND_WORDS[language]["noscript"])}'
            f'</p></noscript><script src="{script_src(page_src)}" defer></script>')
