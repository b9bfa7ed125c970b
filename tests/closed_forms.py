"""Keras' built-in learning rate schedules as the Keras documentation states them, in NumPy.

An independent oracle for the tests: written from the documented formulas,
evaluated in float64, and compared with what the optimizer really applied.
"""

from __future__ import annotations

import math

import numpy as np


def exponential_decay(t, initial_learning_rate, decay_steps, decay_rate, staircase=False, **_):
    p = t / decay_steps
    return initial_learning_rate * decay_rate ** (np.floor(p) if staircase else p)


def piecewise_constant_decay(t, boundaries, values, **_):
    # values[0] while t <= boundaries[0], values[i] while boundaries[i-1] < t <= boundaries[i]
    return np.asarray(values)[np.searchsorted(boundaries, t, side="left")]


def inverse_time_decay(t, initial_learning_rate, decay_steps, decay_rate, staircase=False, **_):
    p = t / decay_steps
    return initial_learning_rate / (1 + decay_rate * (np.floor(p) if staircase else p))


def polynomial_decay(t, initial_learning_rate, decay_steps, end_learning_rate, power, cycle, **_):
    t = np.asarray(t, dtype=np.float64)
    if cycle:
        period = decay_steps * np.where(t == 0, 1, np.ceil(t / decay_steps))
    else:
        period, t = decay_steps, np.minimum(t, decay_steps)
    return (initial_learning_rate - end_learning_rate) * (1 - t / period) ** power + end_learning_rate


def cosine_decay(t, initial_learning_rate, decay_steps, alpha, warmup_target=None, warmup_steps=0, **_):
    t = np.asarray(t, dtype=np.float64)
    peak = initial_learning_rate if warmup_target is None else warmup_target
    after = np.minimum(np.maximum(t - warmup_steps, 0), decay_steps)
    decayed = peak * ((1 - alpha) * 0.5 * (1 + np.cos(np.pi * after / decay_steps)) + alpha)
    if warmup_target is None:
        return decayed
    warming = initial_learning_rate + (warmup_target - initial_learning_rate) * t / warmup_steps
    return np.where(t < warmup_steps, warming, decayed)


def restart_of(step: int, first_decay_steps: float, t_mul: float) -> tuple[int, float]:
    """Which period a step is in (from 0), and how far into it, by walking the periods."""
    start, length, index = 0.0, float(first_decay_steps), 0
    while step >= start + length:
        start, length, index = start + length, length * t_mul, index + 1
    return index, (step - start) / length


def cosine_decay_restarts(t, initial_learning_rate, first_decay_steps, t_mul, m_mul, alpha, **_):
    rates = []
    for step in np.atleast_1d(t):
        i, fraction = restart_of(int(step), first_decay_steps, t_mul)
        rates.append(initial_learning_rate * ((1 - alpha) * m_mul**i * 0.5 * (1 + math.cos(math.pi * fraction)) + alpha))
    return np.array(rates)


BY_CLASS = {
    "ExponentialDecay": exponential_decay,
    "PiecewiseConstantDecay": piecewise_constant_decay,
    "InverseTimeDecay": inverse_time_decay,
    "PolynomialDecay": polynomial_decay,
    "CosineDecay": cosine_decay,
    "CosineDecayRestarts": cosine_decay_restarts,
}


def closed_form(schedule: dict, steps) -> np.ndarray:
    """The documented rate at ``steps`` of a schedule recorded as ``{"class", "config"}``."""
    return BY_CLASS[schedule["class"]](np.asarray(steps, dtype=np.float64), **schedule["config"])
