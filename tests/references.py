"""The schedules the cookbook writes for Keras, as their home frameworks compute them, in float64.

PyTorch and Hugging Face transformers need PyTorch, whose CPU wheels are not on
PyPI, so their formulas are written down here from their source (PyTorch
``torch/optim/lr_scheduler.py``: ``OneCycleLR.get_lr``, ``CyclicLR.get_lr``;
transformers ``optimization.py``: ``_get_wsd_scheduler_lambda``,
``_get_inverse_sqrt_schedule_lr_lambda``, ``_get_constant_schedule_with_warmup_lr_lambda``),
step by step in Python floats, as those libraries compute them. optax, which
installs from PyPI, is used itself (tests/test_custom_schedules.py).
"""

from __future__ import annotations

import math


def _anneal(strategy: str, start: float, end: float, pct: float) -> float:
    if strategy == "cos":
        return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
    return (end - start) * pct + start


def one_cycle_lr(step: int, max_lr: float, total_steps: int, pct_start: float = 0.3, anneal_strategy: str = "cos",
                 div_factor: float = 25.0, final_div_factor: float = 1e4, three_phase: bool = False,
                 base_momentum: float = 0.85, max_momentum: float = 0.95) -> tuple[float, float]:
    """PyTorch's ``OneCycleLR`` at ``step`` (its ``last_epoch``): the rate and the momentum."""
    initial = max_lr / div_factor
    minimum = initial / final_div_factor
    if three_phase:
        phases = [(float(pct_start * total_steps) - 1, initial, max_lr, max_momentum, base_momentum),
                  (float(2 * pct_start * total_steps) - 2, max_lr, initial, base_momentum, max_momentum),
                  (total_steps - 1, initial, minimum, max_momentum, max_momentum)]
    else:
        phases = [(float(pct_start * total_steps) - 1, initial, max_lr, max_momentum, base_momentum),
                  (total_steps - 1, max_lr, minimum, base_momentum, max_momentum)]
    start = 0.0
    for index, (end, lr_start, lr_end, momentum_start, momentum_end) in enumerate(phases):
        if step <= end or index == len(phases) - 1:
            pct = (step - start) / (end - start)
            return (_anneal(anneal_strategy, lr_start, lr_end, pct),
                    _anneal(anneal_strategy, momentum_start, momentum_end, pct))
        start = end
    raise AssertionError("unreachable")


def cyclic_lr(step: int, base_lr: float, max_lr: float, step_size_up: int = 2000, step_size_down: int | None = None,
              mode: str = "triangular", gamma: float = 1.0) -> float:
    """PyTorch's ``CyclicLR`` at ``step`` (its ``last_epoch``)."""
    up = float(step_size_up)
    down = float(step_size_down) if step_size_down is not None else up
    total = up + down
    ratio = up / total
    cycle = math.floor(1 + step / total)
    x = 1.0 + step / total - cycle
    scale_factor = x / ratio if x <= ratio else (x - 1) / (ratio - 1)
    height = (max_lr - base_lr) * scale_factor
    if mode == "triangular":
        return base_lr + height * 1.0
    if mode == "triangular2":
        return base_lr + height * (1 / (2.0 ** (cycle - 1)))
    return base_lr + height * gamma**step  # exp_range scales by iterations


def wsd_factor(step: int, num_warmup_steps: int, num_stable_steps: int, num_decay_steps: int,
               warmup_type: str = "linear", decay_type: str = "cosine", min_lr_ratio: float = 0.0,
               num_cycles: float = 0.5) -> float:
    """transformers' ``get_wsd_schedule`` factor of the optimizer's rate at ``step``."""
    if step < num_warmup_steps:
        progress = float(step) / float(max(1, num_warmup_steps))
        factor = {"linear": progress, "cosine": 0.5 * (1.0 - math.cos(math.pi * progress)),
                  "1-sqrt": 1.0 - math.sqrt(1.0 - progress)}[warmup_type]
        return max(0.0, factor * (1.0 - min_lr_ratio) + min_lr_ratio)
    if step < num_warmup_steps + num_stable_steps:
        return 1.0
    if step < num_warmup_steps + num_stable_steps + num_decay_steps:
        progress = float(step - num_warmup_steps - num_stable_steps) / float(max(1, num_decay_steps))
        factor = {"linear": 1.0 - progress, "cosine": 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)),
                  "1-sqrt": 1.0 - math.sqrt(progress)}[decay_type]
        return max(0.0, factor * (1.0 - min_lr_ratio) + min_lr_ratio)
    return min_lr_ratio


def inverse_sqrt_factor(step: int, num_warmup_steps: int, timescale: int | None = None) -> float:
    """transformers' ``get_inverse_sqrt_schedule`` factor of the optimizer's rate at ``step``."""
    if timescale is None:
        timescale = num_warmup_steps or 10_000
    if step < num_warmup_steps:
        return float(step) / float(max(1, num_warmup_steps))
    shift = timescale - num_warmup_steps
    return 1.0 / math.sqrt((step + shift) / timescale)


def constant_with_warmup_factor(step: int, num_warmup_steps: int) -> float:
    """transformers' ``get_constant_schedule_with_warmup`` factor of the optimizer's rate at ``step``."""
    if step < num_warmup_steps:
        return float(step) / float(max(1.0, num_warmup_steps))
    return 1.0
