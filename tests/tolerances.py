"""The tolerances of the tests' floating-point comparisons, each derived from the arithmetic that
produced the two numbers compared, so that it holds on any x86-64 processor with the locked
versions, not only on the one where it was measured (issue 21). No number here is a measurement.

The arithmetic, counted in ``U = 2**-24``, float32's unit roundoff (``np.spacing(x)`` is between
``U·|x|`` and ``2U·|x|``, so k ulps of a float32 result are at most ``2k·U`` of it):

* ``+ - * /`` and ``sqrt`` are IEEE 754 operations, correctly rounded on every x86-64 processor:
  each rounding moves a result by at most ``U`` of itself. The locked TensorFlow wheel is compiled
  without FMA (its start-up message asks for a rebuild to use it), so element-wise arithmetic is the
  same on every x86-64 processor; a fused multiply-add would only remove a rounding.
* TensorFlow's float32 ``cos``, ``sin``, ``exp``, ``log``, ``pow`` and ``rsqrt`` are not correctly
  rounded, and which code computes them depends on the call and the processor: Eigen's vectorised
  kernels for a tensor of steps, glibc's scalar functions (picked at run time by instruction set) for
  the one step of a training step. Eigen documents 2 ulps for sin and cos without FMA, 3 ulps for
  pow, and 2 ulps of relative error for rsqrt (``Eigen/src/Core/arch/Default/
  GenericPacketMathFunctions.h``, ``MathFunctionsImpl.h``); exp and log are not documented and are
  taken at 3 ulps (the most seen here over 2 million arguments: 2.13 for log, 1.28 for exp);
  glibc's are within 1 ulp. Two evaluations that differ only in these kernels differ by at most
  one ulp more than Eigen's bound.
* Python numbers and the references (NumPy, optax with x64) are float64: ``2**-53`` per operation,
  less than ``U**2`` for the counts here, which ``roundings`` absorbs.
* Training (weights, losses) goes through oneDNN's matrix products, whose order of summation depends
  on the instruction set: a tolerance on a trained quantity must be a bound in terms of its
  magnitude, never a measured value.

A bound below is either relative (``rtol``, of the expected value) or absolute in units of the
schedule's peak (``atol = count·U·peak``): near a zero of a curve (a cosine decayed to 0) the error
of ``cos`` is a fixed fraction of the peak, and a relative bound would be meaningless.
"""

from __future__ import annotations

import math

import numpy as np

from tests.closed_forms import restart_of

U = 2.0**-24
"""float32's unit roundoff: rounding to nearest moves a value by at most ``U`` of itself."""

PARSED = 2.0**-52
"""Relative: a decimal printed by Python and parsed back as float64, compared in float64 (a rounding
of the parse and one of the difference, ``2**-53`` each)."""


def roundings(count: float) -> float:
    """The relative error of ``count`` float32 roundings: ``(1 + U)**count - 1``, at most
    ``count·U / (1 - count·U)`` (Higham's gamma); the ``U**2`` above ``count·U`` also covers the
    float64 roundings of a reference or of the comparison."""
    return count * U / (1 - count * U)


FLOAT32 = dict(rtol=roundings(1), atol=0.0)
"""A float64 number stored in a float32 variable (a rate set from Python, a constant of a schedule),
against that float64 number: one rounding."""

CUSTOM = roundings(20)
"""Relative: a schedule the recipes write (``OneCycle``, ``CyclicLR``, ``WarmupStableDecay``,
``InverseSquareRoot``, ``ConstantWithWarmup``, ``PiecewiseInterpolate``, ``ExponentialRange``)
against its float64 reference, and two float32 evaluations of one of them (a tensor of steps and one
step at a time; Keras and the playground) that differ only in TensorFlow's kernels.

Each is written as a sum of non-negative terms, so its relative error is its largest term's plus
the sum's own rounding. The longest chain is a cosine weight ``sin(pi/2·f)**2``: the fraction ``f``
(2U: a division by a Python difference stored in float32), ``pi/2`` stored and the product (2U) make
4U of the angle and at most 4U of its sine (``|x·cot x| <= 1``); sin's 2 ulps (4U); squared
(x2) and rounded: 17U; times the phase's rate (stored, product) and the sum of the two terms: 20U
(``OneCycle``, ``OneCycleMomentum``; ``WarmupStableDecay``'s cosine: ``·(1 - m)``, ``+ m``,
``·lr``: 20U; ``PiecewiseInterpolate``: its fraction is one rounding, 18U). The others: the
1-sqrt warmup ``done / (1 + sqrt(1 - done))``, whose ``1 - done`` is within U absolute of exact,
``1/2·sqrt(W) + 9`` (16.1U at the longest warmup tested, W = 200); ``CyclicLR`` 4U (triangular),
11U (triangular2: pow's 3 ulps and a division), ``11 + 2·|a|·w`` for exp_range (``a`` the exponent
``step·ln(gamma)``, rounded twice, ``w`` the share of the cycle's term in the rate: 16.4U at most in
the cases tested); ``InverseSquareRoot`` 6.5U (rsqrt 4U); ``ConstantWithWarmup`` 3U;
``ExponentialRange`` 1U (float64 inside, rounded once). Between two float32 evaluations: the sine's
kernels differ by 3 ulps (6U), squared 14U, then three roundings of two different values, 2U each:
20U (exp: 4 ulps and three roundings, 14U; rsqrt 6U and one, 8U)."""

SCHEDULE_FREE_PER_STEP = 9.15
"""Units of ``U·max|z|``, per step, for the gap between ``ScheduleFreeAdamW``'s weights and the
average of its ``z`` (see :func:`schedule_free_gap`): Keras' update 8.15, the snippet's running sum 1."""

ADAM_FLOAT64_STEP = 2.0**-43
"""Relative: ``ScheduleFreeAdamW`` computing in float64 for 8 steps with a gradient of 1, the
change of ``z`` at a step against the rate it applied. The bias correction ``1 - 0.999**t``
(``t <= 8``) keeps 1/1000 of its operands, so an ulp of ``0.999**t`` (a scalar: glibc's pow, within
1 ulp) is up to ``1000·2**-53`` of it, halved by the square root; the other roundings (the velocity over 8 steps,
the step, ``z`` up to 0.6 against a step of at least 0.02, twice, and the subtraction) are fewer
than 100: ``2**-53·(500 + 100) < 2**-43``."""


def half_unit(decimals: int) -> float:
    """Absolute: half a unit of the last of ``decimals`` printed decimals (``f"{x:.3f}"``,
    ``round(x, 6)``) against the number printed. Add ``PARSED`` relative for the float64 parse."""
    return 0.5 * 10.0**-decimals


def half_unit_of(text: str) -> float:
    """Absolute: half a unit of the last digit of a printed number (``"0.0028"``: 5e-5,
    ``"1.8e-07"``: 5e-9, ``"9e-07"``: 5e-8)."""
    mantissa, _, exponent = text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 0.5 * 10.0 ** (int(exponent or 0) - decimals)


def significant(digits: int) -> float:
    """Relative: a number shown with ``digits`` significant digits (``toPrecision``, Intl's
    ``maximumSignificantDigits``) against the number: half a unit of the last digit is at most
    ``0.5·10**(1 - digits)`` of the number."""
    return 0.5 * 10.0 ** (1 - digits)


def within(actual: float, expected: float, rtol: float = 0.0, atol: float = 0.0) -> bool:
    """``|actual - expected| <= atol + rtol·|expected|``: ``np.testing.assert_allclose``'s test for
    one number (``pytest.approx`` takes the larger of its two tolerances instead of their sum)."""
    return abs(actual - expected) <= atol + rtol * abs(expected)


def loosest(*tolerances: dict) -> dict:
    """The larger ``rtol`` and the larger ``atol`` of several: a curve made of pieces."""
    return {key: max(t.get(key, 0.0) for t in tolerances) for key in ("rtol", "atol")}


# -- Keras' built-in schedules -------------------------------------------------------------------

def builtin_schedule(name: str, config: dict, steps) -> dict:
    """``rtol`` and ``atol`` for Keras' built-in schedule ``name`` (with ``config``), computed in
    float32 at ``steps``, against its documented formula in float64 (``tests/closed_forms.py``).

    Counts (relative to the rate, ``R``; absolute in ``U·peak``, ``P``), as each class computes:

    * ``PiecewiseConstantDecay``: the value stored in float32; the sums with ``0·v`` are exact. R 1.
    * ``ExponentialDecay`` ``L·b**p``, ``p = t/T``: p's rounding moves ``b**p`` by ``|ln b|·p·U``,
      b's storage by ``p·U``; pow 3 ulps (6U); L stored and the product (2U): R ``8 + p(1 + |ln b|)``
      at the last step (staircase: ``p`` is exact, R ``8 + p``).
    * ``InverseTimeDecay`` ``L / (1 + d·p)``: p, d and ``d·p`` (3U of a term below ``1 + d·p``), the
      sum (1U), L stored and the division (2U): R 6.
    * ``PolynomialDecay`` ``(L - E)·(1 - p)**k + E``: ``1 - p`` is within U (absolute) of exact, which
      moves ``(1 - p)**k`` by ``k·(1 - p)**(k - 1)·U``: P ``k`` (for ``k < 1``, times ``T**(1 - k)``, T
      the longest period: ``1 - p >= 1/T`` or is 0). The other roundings are of terms no larger than
      the rate when ``L >= E``: L and E stored (2), ``L - E`` (1), pow 3 ulps (6), the product (1),
      the sum (1): R 11; for a rising curve (``L < E``) those terms are bounded by the peak: R 2,
      P ``9 + k``.
    * ``CosineDecay`` ``L·((1 - a)·(1 + cos(pi·t/T))/2 + a)``: the angle carries t/T, float32 pi and
      their product (2.47U of it), which moves cos by ``2.47U·x·sin x <= 4.5U``; cos's 2 ulps are at
      most 2U (``|cos| <= 1``): ``(4.5 + 2)/2``: P 3.25. The rest scale with the rate: ``1 + cos``
      (1), ``1 - a`` stored and its product (2), ``a`` stored and the sum (2), L stored and the
      product (2): R 7. The warmup (a line from L to the target, six roundings of terms no larger
      than the rate) is inside that.
    * ``CosineDecayRestarts``: the fraction of the period is ``(c - S)/G`` with ``c = t/T0``,
      ``G = t_mul**i`` (pow's 3 ulps, ``t_mul`` stored: ``6 + i``), ``S = (1 - G)/(1 - t_mul)``;
      with ``s = S/G = (1 - t_mul**-i)/(t_mul - 1)`` its error is at most ``F·U``,
      ``F = (s + 1) + (6 + i)(1 + 1/|t_mul - 1|) + 3s + 2`` (``t_mul = 1``: ``c - floor(c)``,
      ``F = i + 1``). The cosine then moves by ``pi·F·U`` besides CosineDecay's 6.5U: P
      ``1.571·F + 3.25`` (of ``L·m_mul**i``, at most the peak). ``m_mul**i`` (6 + i) and the products
      and sums of CosineDecay (8): R ``14 + i``; ``i`` is the last step's period, counted from 0.
      (The period is ``floor(log(...)/log(t_mul))``, an integer a tolerance cannot help with: the
      tests rely on ``log(2**k)/log(2)`` being exactly ``k``, as it is for correctly rounded logs.)
    """
    return _tolerance(name, config, steps, kernels_only=False)


def differing_kernels(name: str, config: dict, steps) -> dict:
    """``rtol`` and ``atol`` between two float32 evaluations of the built-in schedule ``name`` that
    perform the same operations but may take ``cos``, ``pow`` and ``log`` from different kernels: a
    tensor of steps (Eigen) against one step at a time (glibc), or Keras against the playground's
    correctly rounded ones. The kernels disagree by Eigen's bound plus one ulp (pow 4 ulps: 8U; cos
    3 ulps: 3U absolute); each later operation rounds two different values, one more spacing of its
    result (2U). Per class (R relative, P in ``U·peak``):

    * ``PiecewiseConstantDecay``, ``InverseTimeDecay``: no kernel, the same IEEE operations: equal.
    * ``ExponentialDecay``: pow (8) and the product (2): R 10.
    * ``PolynomialDecay``: pow (8), the product and the sum (2 each): R 12 (rising: R 2, P 10).
    * ``CosineDecay``: cos (3U absolute, halved): P 1.5; ``1 + cos``, ``(1 - a)·``, ``+ a``,
      ``L·`` (2 each): R 8. The warmup has no kernel.
    * ``CosineDecayRestarts``: G's pow disagreement in S and in the division gives the fraction
      ``F = 8(1 + 1/|t_mul - 1|) + 4s + 4`` (0 when ``t_mul = 1``); the angle's product (2U of pi)
      and cos's 3 ulps: P ``1.571·(F + 2) + 1.5``; ``m_mul**i`` (8) and five roundings: R 18.
    """
    return _tolerance(name, config, steps, kernels_only=True)


def _tolerance(name: str, config: dict, steps, kernels_only: bool) -> dict:
    last = int(np.max(steps)) if len(steps) else 0
    relative, in_peaks, peak = 0.0, 0.0, 1.0
    if name == "PiecewiseConstantDecay":
        relative = 0 if kernels_only else 1
    elif name == "InverseTimeDecay":
        relative = 0 if kernels_only else 6
    elif name == "ExponentialDecay":
        b, p = config["decay_rate"], last / config["decay_steps"]
        peak = abs(config["initial_learning_rate"]) * max(1.0, b**p)
        if kernels_only:
            relative = 10
        else:
            relative = 8 + (math.floor(p) if config.get("staircase") else p * (1 + abs(math.log(b))))
    elif name == "PolynomialDecay":
        start, end, k = config["initial_learning_rate"], config["end_learning_rate"], config["power"]
        period = config["decay_steps"] * (max(1, math.ceil(last / config["decay_steps"])) if config["cycle"] else 1)
        slope = k * max(1.0, period ** (1 - k))  # k·(1 - p)**(k - 1) at its largest
        peak = max(abs(start), abs(end))
        if kernels_only:
            relative, in_peaks = (12, 0) if start >= end else (2, 10)
        else:
            relative, in_peaks = (11, slope) if start >= end else (2, 9 + slope)
    elif name == "CosineDecay":
        target = config.get("warmup_target")
        peak = max(abs(config["initial_learning_rate"]), abs(target) if target is not None else 0.0)
        relative, in_peaks = (8, 1.5) if kernels_only else (7, 3.25)
    elif name == "CosineDecayRestarts":
        t_mul, m_mul, first = config["t_mul"], config["m_mul"], config["first_decay_steps"]
        if t_mul < 1:  # the periods add up to first / (1 - t_mul): after that, Keras gives NaN
            last = min(last, math.ceil(first / (1 - t_mul)) - 1)
        i = restart_of(last, first, t_mul)[0]
        peak = abs(config["initial_learning_rate"]) * max(1.0, m_mul**i)
        s = 0.0 if t_mul == 1 else (1 - t_mul**-i) / (t_mul - 1)
        if kernels_only:
            fraction = 0.0 if t_mul == 1 else 8 * (1 + 1 / abs(t_mul - 1)) + 4 * s + 4
            relative, in_peaks = 18, math.pi / 2 * (fraction + 2) + 1.5
        else:
            fraction = i + 1 if t_mul == 1 else (s + 1) + (6 + i) * (1 + 1 / abs(t_mul - 1)) + 3 * s + 2
            relative, in_peaks = 14 + i, math.pi / 2 * fraction + 3.25
    else:
        raise KeyError(f"no derived tolerance for {name}")
    return dict(rtol=roundings(relative), atol=roundings(in_peaks) * peak)


# -- ScheduleFreeAdamW ----------------------------------------------------------------------------

def schedule_free_gap(steps: int) -> float:
    """The largest ``|weight - average of z|`` after ``steps`` steps of ``ScheduleFreeAdamW`` on
    TensorFlow, as a fraction of the largest ``|z|`` over the steps (``snippets/new_optimizers.py``), with
    ``beta_1 = 0.9``.

    Keras' update (``momentum_old`` is ``z`` after its step, so ``y`` follows the running average of
    ``z`` exactly in exact arithmetic), per element, with ``c = 1 - beta_1`` (float32, exact),
    ``w = 1/t``: ``y <- c·z + beta_1·((1 - w)·(y - c·z)/beta_1 + w·z)``. Its eight roundings (``c·z``
    is computed once for both uses) touch values of at most ``1.1·M/0.9 = 1.22·M`` (``M`` the largest
    ``|z|``) and reach ``y`` with a factor of at most 1: ``c·z`` 0.1/t, ``y - c·z`` 1.1, ``/beta_1``
    1.1, ``(1 - w)·`` 1.1, ``w·z`` 0.9/t, ``+`` 1.1, ``beta_1·`` 1.1, the last ``+`` 1 (in ``U·M``);
    a ninth, 1.1, if the division is taken as a product by ``1/beta_1``. ``w`` and ``1 - w`` are
    float32 roundings of ``1/t`` and ``1 - 1/t``: 0.55 + 2/t more. So step ``t`` adds at most
    ``(8.15 + 3/t)·U·M``, and an error made at step ``t`` is carried to step ``T`` with the factor
    ``(1 - 1/(t+1))···(1 - 1/T) = t/T``: at most ``(8.15·(T + 1)/2 + 3)·U·M`` after ``T`` steps.

    The snippet's own average: ``T`` float32 arrays added one by one (the k-th sum, at most ``k·M``,
    rounded: ``U·M·(T(T + 1)/2 - 1)``), divided by ``T`` and rounded: ``((T + 1)/2 + 1)·U·M``; the
    difference ``weight - average`` is rounded too (``U`` of the gap). Together, with 1e-3 for the
    second-order terms (``T·9·U < 1e-4``): ``(9.15·(T + 1)/2 + 4)·U·M``.
    """
    return (SCHEDULE_FREE_PER_STEP * (steps + 1) / 2 + 4) * U * (1 + 1e-3)


def printed_at_least(text: str) -> float:
    """The smallest number that prints as ``text`` (``"8e-06"``: 7.5e-6): a printed measurement
    compared with an upper bound."""
    return float(text) - half_unit_of(text)

