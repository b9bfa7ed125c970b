// The schedule playground: a schedule's parameters as inputs, the curve Keras would give for them
// (float32, the same operations in the same order as the Keras class or the page's subclass),
// the rate at the step under the pointer, and the constructor call to copy.
// Each `.lr-playground` element carries its spec as JSON in data-spec (written by tools/playground.py):
// the schedule, its parameters with the recipe's values, the horizon and the words of the page's language.
(function () {
  "use strict";

  const f = Math.fround; // round to float32, as every TensorFlow op on float32 tensors does
  const PI = f(Math.PI); // ops.array(math.pi, dtype="float32")
  const HALF_PI = f(Math.PI / 2); // math.pi / 2 in Python, then a float32 operand
  const square = (x) => f(x * x);
  const sinSquared = (x) => square(f(Math.sin(x)));

  // Each schedule: parameters in, a function of the (integer) step out, written after its Python
  // source operation by operation. A Python number meeting a float32 tensor becomes float32 (f(...));
  // arithmetic between Python numbers stays in double precision.
  const SCHEDULES = {
    ExponentialDecay(p) {
      const initial = f(p.initial_learning_rate), decaySteps = f(p.decay_steps), rate = f(p.decay_rate);
      return (step) => {
        let progress = f(f(step) / decaySteps);
        if (p.staircase) progress = Math.floor(progress);
        return f(initial * f(Math.pow(rate, progress)));
      };
    },

    PiecewiseConstantDecay(p) {
      const b = p.boundaries, v = p.values.map(f);
      return (step) => {
        // the sum of indicator * value, term by term, as Keras adds them
        let result = f(0 + (step <= b[0] ? v[0] : 0));
        result = f(result + (step > b[b.length - 1] ? v[v.length - 1] : 0));
        for (let i = 0; i + 1 < b.length; i++) {
          result = f(result + (step > b[i] && step <= b[i + 1] ? v[i + 1] : 0));
        }
        return result;
      };
    },

    PolynomialDecay(p) {
      const initial = f(p.initial_learning_rate), end = f(p.end_learning_rate), power = f(p.power);
      return (step) => {
        let s = f(step), decaySteps = f(p.decay_steps);
        if (p.cycle) {
          const multiplier = s === 0 ? 1 : Math.ceil(f(s / f(p.decay_steps)));
          decaySteps = f(decaySteps * multiplier);
        } else {
          s = Math.min(s, decaySteps);
        }
        const progress = f(s / decaySteps);
        return f(f(f(initial - end) * f(Math.pow(f(1 - progress), power))) + end);
      };
    },

    InverseTimeDecay(p) {
      const initial = f(p.initial_learning_rate), decaySteps = f(p.decay_steps), rate = f(p.decay_rate);
      return (step) => {
        let progress = f(f(step) / decaySteps);
        if (p.staircase) progress = Math.floor(progress);
        return f(initial / f(1 + f(rate * progress)));
      };
    },

    CosineDecay(p) {
      const initial = f(p.initial_learning_rate), decaySteps = f(p.decay_steps);
      const decay = (step, from) => {
        const cosine = f(0.5 * f(1 + f(Math.cos(f(PI * f(step / decaySteps))))));
        return f(from * f(f(f(1 - p.alpha) * cosine) + f(p.alpha)));
      };
      if (p.warmup_target === null) return (step) => decay(Math.min(f(step), decaySteps), initial);
      const target = f(p.warmup_target), warmupSteps = f(p.warmup_steps);
      return (step) => {
        const s = Math.min(f(step), f(decaySteps + warmupSteps));
        if (s < warmupSteps) return f(f(f(target - initial) * f(s / warmupSteps)) + initial);
        return decay(f(s - warmupSteps), target);
      };
    },

    CosineDecayRestarts(p) {
      const initial = f(p.initial_learning_rate), first = f(p.first_decay_steps), alpha = f(p.alpha);
      const tMul = f(p.t_mul), mMul = f(p.m_mul);
      return (step) => {
        let fraction = f(f(step) / first), restart;
        if (tMul === 1) {
          restart = Math.floor(fraction);
          fraction = f(fraction - restart);
        } else {
          restart = Math.floor(f(f(Math.log(f(1 - f(fraction * f(1 - tMul))))) / f(Math.log(tMul))));
          const grown = f(Math.pow(tMul, restart));
          const before = f(f(1 - grown) / f(1 - tMul)); // periods before this one, in first periods
          fraction = f(f(fraction - before) / grown);
        }
        const cosine = f(f(0.5 * f(Math.pow(mMul, restart))) * f(1 + f(Math.cos(f(PI * fraction)))));
        return f(initial * f(f(f(1 - alpha) * cosine) + alpha));
      };
    },

    ConstantWithWarmup(p) {
      const rate = f(p.learning_rate), warmup = p.num_warmup_steps;
      return (step) => {
        const s = f(step);
        return f(rate * (s < f(warmup) ? f(s / f(Math.max(1, warmup))) : 1));
      };
    },

    InverseSquareRoot(p) {
      const rate = f(p.learning_rate), warmup = p.num_warmup_steps;
      const timescale = p.timescale || warmup || 10000;
      return (step) => {
        const s = f(step);
        if (s < f(warmup)) return f(rate * f(s / f(Math.max(1, warmup))));
        // ops.rsqrt on float32: the square root rounded, then its reciprocal
        return f(rate * f(1 / f(Math.sqrt(f(f(f(s + f(timescale)) - f(warmup)) / f(timescale))))));
      };
    },

    OneCycle(p) {
      const T = p.total_steps, initial = p.max_lr / p.div_factor, final = initial / p.final_div_factor;
      const ends = p.three_phase ? [p.pct_start * T - 1, 2 * p.pct_start * T - 2, T - 1] : [p.pct_start * T - 1, T - 1];
      const values = p.three_phase ? [initial, p.max_lr, initial, final] : [initial, p.max_lr, final];
      return (step) => {
        const s = Math.min(f(step), f(T - 1));
        // the earliest phase that the step has not passed
        for (let phase = 0; phase < ends.length; phase++) {
          if (!(s <= f(ends[phase])) && phase < ends.length - 1) continue;
          const start = phase === 0 ? 0 : ends[phase - 1], length = f(ends[phase] - start);
          let done = f(f(s - f(start)) / length), left = f(f(f(ends[phase]) - s) / length);
          if (p.anneal_strategy === "cos") {
            done = sinSquared(f(HALF_PI * done));
            left = sinSquared(f(HALF_PI * left));
          }
          return f(f(f(values[phase]) * left) + f(f(values[phase + 1]) * done));
        }
      };
    },

    WarmupStableDecay(p) {
      const warmup = Math.max(1, p.num_warmup_steps), decay = Math.max(1, p.num_decay_steps);
      const rate = f(p.learning_rate), floor = f(p.min_lr_ratio), keep = f(1 - p.min_lr_ratio);
      const rising = {
        linear: (done) => done,
        cosine: (done) => sinSquared(f(HALF_PI * done)),
        "1-sqrt": (done) => f(done / f(1 + f(Math.sqrt(Math.max(f(1 - done), 0))))),
      }[p.warmup_type];
      const falling = {
        linear: (into) => f(f(f(decay) - into) / f(decay)),
        // 2 * num_cycles * into, at the default num_cycles=0.5 (half a cosine), which the playground keeps
        cosine: (into) => sinSquared(f(f(HALF_PI * f(f(decay) - into)) / f(decay))),
        "1-sqrt": (into) => f(f(f(f(decay) - into) / f(decay)) / f(1 + f(Math.sqrt(Math.max(f(into / f(decay)), 0))))),
      }[p.decay_type];
      return (step) => {
        const s = f(step);
        const into = f(f(s - f(p.num_warmup_steps)) - f(p.num_stable_steps)); // steps into the cooldown
        let factor;
        if (s < f(p.num_warmup_steps)) factor = rising(f(s / f(warmup)));
        else if (into < 0) factor = 1;
        else if (into < f(p.num_decay_steps)) factor = falling(into);
        else factor = 0;
        return f(rate * f(f(factor * keep) + floor));
      };
    },

    CyclicLR(p) {
      const up = p.step_size_up, down = p.step_size_down === null ? up : p.step_size_down;
      const cycleLength = f(up + down), logGamma = f(Math.log(p.gamma));
      return (step) => {
        const s = f(step);
        const cycle = f(Math.floor(f(s / cycleLength)) + 1);
        const into = f(s - f(f(cycle - 1) * cycleLength)); // steps since this cycle began
        let height = into <= f(up) ? f(into / f(up)) : f(f(cycleLength - into) / f(down));
        if (p.mode === "triangular2") height = f(height / f(Math.pow(2, f(cycle - 1))));
        else if (p.mode === "exp_range") height = f(height * f(Math.exp(f(s * logGamma))));
        return f(f(p.base_lr) + f(f(p.max_lr - p.base_lr) * height));
      };
    },
  };

  /** The rate of schedule `name` with parameters `params` at each of `steps`. */
  function evaluate(name, params, steps) {
    const rate = SCHEDULES[name](params);
    return steps.map(rate);
  }

  // ---- Python source of the constructor call ----

  function pythonNumber(value, kind) {
    if (kind === "int") return String(value);
    const text = String(value);
    return /[.eEIN]/.test(text) ? text : text + ".0";
  }

  function pythonValue(value, kind) {
    if (kind === "bool") return value ? "True" : "False";
    if (kind === "choice") return JSON.stringify(value);
    if (kind === "ints" || kind === "floats") {
      return "[" + value.map((v) => pythonNumber(v, kind === "ints" ? "int" : "float")).join(", ") + "]";
    }
    return pythonNumber(value, kind);
  }

  /** The constructor call for these values, one argument per line (an empty optional one is left out). */
  function pythonCall(spec, params) {
    const lines = spec.params
      .filter((param) => params[param.name] !== null)
      .map((param) => `    ${param.name}=${pythonValue(params[param.name], param.kind)},`);
    return `${spec.callable}(\n${lines.join("\n")}\n)`;
  }

  // ---- reading and checking the inputs ----

  /** The value of one parameter from its input's text, or {error} in the page's words. */
  function parse(param, text, checked, words) {
    const problem = (key, value) => ({ error: words[key].replace("{value}", value) });
    if (param.kind === "bool") return { value: checked };
    if (param.kind === "choice") return { value: text };
    text = text.trim();
    if (text === "" && param.optional) return { value: null };
    if (param.kind === "ints" || param.kind === "floats") {
      const items = text.split(",").map((item) => item.trim());
      const values = items.map(Number);
      if (text === "" || items.some((item) => item === "") || values.some((v) => !Number.isFinite(v))) {
        return problem("need_list");
      }
      if (param.kind === "ints" && values.some((v) => !Number.isInteger(v))) return problem("need_whole");
      return { value: values };
    }
    if (text === "" || !Number.isFinite(Number(text))) return problem("need_number");
    const value = Number(text);
    if (param.kind === "int" && !Number.isInteger(value)) return problem("need_whole");
    if (param.min !== undefined && (param.min_exclusive ? value <= param.min : value < param.min)) {
      return problem(param.min_exclusive ? "need_above" : "need_at_least", format(param.min, words.locale));
    }
    if (param.max !== undefined && value > param.max) return problem("need_at_most", format(param.max, words.locale));
    return { value };
  }

  /** A problem that involves several parameters (checked once each parameter is fine on its own). */
  function crossCheck(spec, params, words) {
    if (spec.schedule === "PiecewiseConstantDecay" && params.values.length !== params.boundaries.length + 1) {
      return words.need_one_more;
    }
    return null;
  }

  // ---- numbers in the page's language ----

  function format(value, locale, digits = 4) {
    if (value === 0) return "0";
    const magnitude = Math.abs(value);
    const options = magnitude < 1e-4 || magnitude >= 1e6
      ? { notation: "scientific", maximumSignificantDigits: digits }
      : { maximumSignificantDigits: digits };
    return new Intl.NumberFormat(locale, options).format(value);
  }

  function niceTicks(low, high, count) {
    const span = high - low || Math.abs(high) || 1;
    const raw = span / count, power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
    const ticks = [];
    for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) ticks.push(+t.toPrecision(12));
    return ticks;
  }

  // ---- the panel ----

  const SVG = "http://www.w3.org/2000/svg";
  const LEFT = 64, RIGHT = 12, TOP = 12, BOTTOM = 40; // margins in CSS pixels: the text keeps its size on a phone
  const MAX_POINTS = 2000;

  function element(tag, attributes = {}, text) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function inputText(param, value) {
    if (value === null) return "";
    if (param.kind === "ints" || param.kind === "floats") return value.join(", ");
    return String(value);
  }

  function Panel(root) {
    const spec = JSON.parse(root.dataset.spec);
    const words = spec.words, locale = words.locale;
    const id = `lr-playground-${spec.name}`;
    const state = { params: Object.fromEntries(spec.params.map((p) => [p.name, p.value])),
      steps: spec.steps, log: false, cursor: null };
    root.replaceChildren();
    root.hidden = false;
    root.append(element("p", { class: "lr-playground__intro" }, words.intro.replace("{model}", spec.model)));

    // one field per parameter
    const fields = element("div", { class: "lr-playground__fields" });
    const controls = {};
    for (const param of spec.params) {
      const field = element("div", { class: "lr-playground__field" });
      const inputId = `${id}-${param.name}`, helpId = `${inputId}-help`, errorId = `${inputId}-error`;
      let input;
      if (param.kind === "bool") {
        input = element("input", { type: "checkbox", id: inputId, "aria-describedby": helpId });
        input.checked = param.value;
        const label = element("label", { for: inputId });
        label.append(input, element("code", {}, param.name));
        field.append(label);
      } else {
        const label = element("label", { for: inputId });
        label.append(element("code", {}, param.name));
        field.append(label);
        if (param.kind === "choice") {
          input = element("select", { id: inputId, "aria-describedby": helpId });
          for (const choice of param.choices) input.append(element("option", { value: choice }, choice));
          input.value = param.value;
          field.append(input);
        } else {
          const numeric = param.kind === "int" || param.kind === "float";
          input = element("input", { id: inputId, "aria-describedby": `${helpId} ${errorId}`,
            type: "text", inputmode: numeric ? "decimal" : "text", spellcheck: "false", autocomplete: "off" });
          if (param.optional) input.placeholder = words.empty_is_none;
          input.value = inputText(param, param.value);
          const row = element("div", { class: "lr-playground__row" });
          row.append(input);
          if (param.slider) {
            const [low, high, step] = param.slider;
            const slider = element("input", { type: "range", min: low, max: high, step, tabindex: "-1",
              "aria-hidden": "true", value: param.value === null ? low : param.value });
            slider.addEventListener("input", () => {
              input.value = slider.value;
              update();
            });
            controls[param.name + ":slider"] = slider;
            row.append(slider);
          }
          field.append(row);
        }
      }
      field.append(element("small", { id: helpId, class: "lr-playground__help" }, param.help));
      field.append(element("small", { id: errorId, class: "lr-playground__error", role: "alert" }));
      input.addEventListener(param.kind === "bool" || param.kind === "choice" ? "change" : "input", update);
      controls[param.name] = input;
      fields.append(field);
    }
    root.append(fields);

    // the horizon and the axis
    const options = element("div", { class: "lr-playground__options" });
    const stepsInput = element("input", { id: `${id}-steps`, type: "text", inputmode: "numeric", value: spec.steps,
      autocomplete: "off", "aria-describedby": `${id}-steps-error` });
    const stepsLabel = element("label", { for: `${id}-steps` }, words.steps);
    const stepsError = element("small", { id: `${id}-steps-error`, class: "lr-playground__error", role: "alert" });
    const logInput = element("input", { id: `${id}-log`, type: "checkbox" });
    const logLabel = element("label", { for: `${id}-log` });
    logLabel.append(logInput, document.createTextNode(words.log));
    const reset = element("button", { type: "button", class: "md-button" }, words.reset);
    const stepsField = element("div", { class: "lr-playground__field" });
    stepsField.append(stepsLabel, stepsInput, stepsError);
    options.append(stepsField, logLabel, reset);
    root.append(options);
    stepsInput.addEventListener("input", update);
    logInput.addEventListener("change", update);
    reset.addEventListener("click", () => {
      for (const param of spec.params) {
        const input = controls[param.name];
        if (param.kind === "bool") input.checked = param.value;
        else input.value = inputText(param, param.value);
        if (controls[param.name + ":slider"] && param.value !== null) controls[param.name + ":slider"].value = param.value;
      }
      stepsInput.value = spec.steps;
      logInput.checked = false;
      update();
    });

    // the chart: focusable, the arrow keys move the cursor step by step
    const chart = element("svg:svg", { class: "lr-playground__chart",
      role: "img", tabindex: "0", "aria-label": words.chart.replace("{schedule}", spec.schedule),
      "aria-describedby": `${id}-readout` });
    const grid = element("svg:g", { class: "lr-playground__grid" });
    const curve = element("svg:path", { class: "lr-playground__curve", fill: "none" });
    const marker = element("svg:g", { class: "lr-playground__cursor", visibility: "hidden" });
    const markerLine = element("svg:line", { y1: TOP });
    const markerDot = element("svg:circle", { r: 4 });
    marker.append(markerLine, markerDot);
    chart.append(grid, curve, marker);
    const readout = element("p", { id: `${id}-readout`, class: "lr-playground__readout", "aria-live": "polite" },
      words.hint);
    root.append(chart, readout);

    // the call, with a copy button
    const callBox = element("div", { class: "lr-playground__call" });
    const code = element("code", { class: "language-python" });
    const pre = element("pre");
    pre.append(code);
    const copy = element("button", { type: "button", class: "md-button lr-playground__copy" }, words.copy);
    callBox.append(element("p", {}, words.call), pre, copy);
    root.append(callBox);
    copy.addEventListener("click", async () => {
      await navigator.clipboard.writeText(code.textContent);
      copy.textContent = words.copied;
      setTimeout(() => { copy.textContent = words.copy; }, 1500);
    });

    let rate = null, scale = null;

    /** The parameters (null if one is wrong) and the horizon (null if wrong), marking each wrong field. */
    function read() {
      let ok = true;
      const params = {};
      for (const param of spec.params) {
        const input = controls[param.name];
        const result = parse(param, input.value, input.checked, words);
        document.getElementById(`${id}-${param.name}-error`).textContent = result.error || "";
        input.setAttribute("aria-invalid", result.error ? "true" : "false");
        if (result.error) ok = false;
        else params[param.name] = result.value;
        const slider = controls[param.name + ":slider"];
        if (slider && !result.error && result.value !== null && document.activeElement !== slider) slider.value = result.value;
      }
      const steps = parse({ kind: "int", min: 1, max: 1e7 }, stepsInput.value, false, words);
      stepsError.textContent = steps.error || "";
      stepsInput.setAttribute("aria-invalid", steps.error ? "true" : "false");
      if (ok) {
        const problem = crossCheck(spec, params, words);
        document.getElementById(`${id}-${spec.params[spec.params.length - 1].name}-error`).textContent = problem || "";
        if (problem) ok = false;
      }
      return { params: ok ? params : null, steps: steps.error ? null : steps.value };
    }

    // A part with a problem keeps its last good value (each field says what is wrong); the rest applies.
    function update() {
      const wanted = read();
      if (wanted.params) {
        state.params = wanted.params;
        rate = SCHEDULES[spec.schedule](state.params);
        code.textContent = pythonCall(spec, state.params);
      }
      if (wanted.steps) state.steps = wanted.steps;
      state.log = logInput.checked;
      if (rate) draw();
    }

    function draw() {
      const count = state.steps;
      const stride = Math.max(1, Math.ceil(count / MAX_POINTS));
      const steps = [];
      for (let s = 0; s < count; s += stride) steps.push(s);
      if (steps[steps.length - 1] !== count - 1) steps.push(count - 1);
      const values = steps.map(rate);
      const finite = values.filter(Number.isFinite);
      let high = Math.max(...finite, 0), low = 0;
      const positive = finite.filter((v) => v > 0);
      const log = state.log && positive.length > 0;
      if (log) {
        low = Math.pow(10, Math.floor(Math.log10(Math.min(...positive))));
        high = Math.pow(10, Math.ceil(Math.log10(Math.max(...positive))));
        if (low === high) low = high / 10;
      } else if (high === 0) {
        high = 1;
      } else {
        high *= 1.05;
      }
      // the drawing's units are the chart's CSS pixels, so its text is as large on a phone as elsewhere
      const WIDTH = Math.max(280, Math.round(chart.clientWidth || 640));
      const HEIGHT = Math.round(Math.min(300, Math.max(200, WIDTH * 0.45)));
      chart.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
      markerLine.setAttribute("y2", HEIGHT - BOTTOM);
      const x = (s) => LEFT + (count > 1 ? s / (count - 1) : 0) * (WIDTH - LEFT - RIGHT);
      const y = log
        ? (v) => TOP + (1 - (Math.log10(Math.max(v, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) * (HEIGHT - TOP - BOTTOM)
        : (v) => TOP + (1 - (v - low) / (high - low)) * (HEIGHT - TOP - BOTTOM);
      scale = { x, y, count, width: WIDTH };

      grid.replaceChildren();
      const yTicks = log
        ? Array.from({ length: Math.round(Math.log10(high / low)) + 1 }, (_, i) => low * Math.pow(10, i))
        : niceTicks(low, high, 5);
      for (const tick of yTicks) {
        grid.append(element("svg:line", { x1: LEFT, x2: WIDTH - RIGHT, y1: y(tick), y2: y(tick) }));
        grid.append(element("svg:text", { x: LEFT - 6, y: y(tick), "text-anchor": "end", "dominant-baseline": "middle" },
          format(tick, locale, 3)));
      }
      for (const tick of niceTicks(0, count - 1, 6).filter((t) => Number.isInteger(t))) {
        grid.append(element("svg:text", { x: x(tick), y: HEIGHT - BOTTOM + 16, "text-anchor": "middle" },
          format(tick, locale, 7)));
      }
      grid.append(element("svg:text", { x: (LEFT + WIDTH - RIGHT) / 2, y: HEIGHT - 4, "text-anchor": "middle" }, words.step));
      grid.append(element("svg:line", { class: "lr-playground__axis", x1: LEFT, x2: WIDTH - RIGHT,
        y1: HEIGHT - BOTTOM, y2: HEIGHT - BOTTOM }));

      const path = [];
      steps.forEach((s, i) => {
        if (Number.isFinite(values[i])) path.push(`${path.length ? "L" : "M"}${x(s).toFixed(1)},${y(values[i]).toFixed(1)}`);
      });
      curve.setAttribute("d", path.join(""));
      curve.dataset.steps = String(count);
      if (state.cursor !== null) show(Math.min(state.cursor, count - 1));
    }

    function show(step) {
      state.cursor = step;
      const value = rate(step);
      marker.setAttribute("visibility", "visible");
      markerLine.setAttribute("x1", scale.x(step));
      markerLine.setAttribute("x2", scale.x(step));
      markerDot.setAttribute("cx", scale.x(step));
      markerDot.setAttribute("cy", Number.isFinite(value) ? scale.y(value) : TOP);
      readout.textContent = words.readout.replace("{step}", format(step, locale, 8))
        .replace("{rate}", format(value, locale, 6));
    }

    chart.addEventListener("pointermove", (event) => {
      const box = chart.getBoundingClientRect();
      const fraction = ((event.clientX - box.left) / box.width * scale.width - LEFT) / (scale.width - LEFT - RIGHT);
      show(Math.round(Math.min(1, Math.max(0, fraction)) * (scale.count - 1)));
    });
    chart.addEventListener("keydown", (event) => {
      const last = scale.count - 1, page = Math.max(1, Math.round(scale.count / 10));
      const at = state.cursor === null ? 0 : state.cursor;
      const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, ArrowUp: at + 1, ArrowDown: at - 1,
        PageUp: at + page, PageDown: at - page, Home: 0, End: last };
      if (!(event.key in moves)) return;
      event.preventDefault();
      show(Math.min(last, Math.max(0, moves[event.key])));
    });

    update();
    // redrawn at the new width when the page's column changes (a turned phone, a resized window)
    new ResizeObserver(() => {
      if (rate && Math.max(280, Math.round(chart.clientWidth)) !== scale.width) draw();
    }).observe(chart);
  }

  window.LRPlayground = { evaluate, pythonCall, schedules: Object.keys(SCHEDULES) };
  const start = () => document.querySelectorAll(".lr-playground[data-spec]").forEach(Panel);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
