/* convcourse's one script for the static explorer and the animation gallery. It computes no
   geometry and no number: Python precomputed, for every state, the window's top row for each
   output row (rs), its left column for each output column (cs), each kernel tap's offset in
   the input and its kernel cell (taps: [input row, input column, kernel row, kernel column]),
   the input, kernel and output values, and every sentence template and joiner, in the page's
   language (convcourse/messages/): the script holds no word of its own.
   A step only looks these up: the window goes to (cs[c], rs[r]), term t reads the input cell
   (rs[r] + taps[t][0], cs[c] + taps[t][1]), unless that cell is null (past the input's edge,
   under a pooling window with ceil_mode). The explorer switches between precomputed
   settings with its sliders; the gallery steps through one state with Play, Pause and Step. */
(function () {
  "use strict";
  function fill(t, v) {
    return t.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? String(v[k]) : m; });
  }
  function finder(root) {
    return function (role) { return root.querySelector('[data-role="' + role + '"]'); };
  }
  function read(root) {
    return JSON.parse(root.querySelector('script[data-role="data"]').textContent);
  }
  /* Move the window and the output highlight to one step of one state; returns its sentence. */
  function drawStep(q, S, C, st, step) {
    var ow = st.cs.length, r = Math.floor(step / ow), c = step % ow, terms = [];
    q("window").setAttribute("transform", "translate(" + st.cs[c] * C + " " + st.rs[r] * C + ")");
    q("highlight").setAttribute("transform", "translate(" + c * C + " " + r * C + ")");
    st.taps.forEach(function (tap) {
      var x = st.x[st.rs[r] + tap[0]][st.cs[c] + tap[1]];
      // null: a cell past the input's edge, under a pooling window that hangs over it (ceil_mode).
      // Torch reads nothing there, so the sentence names nothing there.
      if (x === null) { return; }
      terms.push(fill(S.term, { x: x, w: st.w[tap[2]][tap[3]] }));
    });
    var total = st.o[r][c];
    q("terms").textContent = fill(S.terms, { row: r, col: c, terms: terms.join(S.joiner), total: total });
    return fill(S.step, { row: r, col: c, total: total });
  }
  /* Show the groups of one layer whose keys are given, hide the others (SVG's display
     attribute: HTML's hidden is no SVG attribute). A group Python wrote empty (hidden at first)
     gets its precomputed markup the first time it is shown. */
  function showOnly(svg, markup, layer, keys) {
    svg.querySelectorAll('[data-layer="' + layer + '"]').forEach(function (g) {
      var key = g.getAttribute("data-key"), later = markup[layer + ":" + key];
      if (keys.indexOf(key) < 0) { g.setAttribute("display", "none"); return; }
      if (later !== undefined && !g.hasChildNodes()) { g.innerHTML = later; }
      g.removeAttribute("display");
    });
  }

  /* The explorer: every slider setting precomputed; the sliders pick one. */
  function explorer(root) {
    var data = null, S, C, fixed, q = finder(root);
    var ctl = {}, last = null, svg = q("picture").querySelector("svg");
    root.querySelectorAll("input[data-control]").forEach(function (el) {
      ctl[el.getAttribute("data-control")] = el;
    });
    function list(items) { return items.length ? items.join(S.list) : S.none; }
    function value(name) { return ctl[name] ? Number(ctl[name].value) : fixed[name]; }
    function update(what) {
      if (!data) { data = read(root); S = data.strings; C = data.cell; fixed = data.fixed; }
      Object.keys(ctl).forEach(function (name) {
        var out = root.querySelector('output[for="' + ctl[name].id + '"]');
        if (out) { out.textContent = ctl[name].value; }
      });
      var i = value("input"), p = value("padding"), s = value("stride"), k = value("kernel");
      var d = value("dilation"), saved = data.states[[i, p, s, k, d].join(",")], text;
      if (saved.m) {
        q("message").textContent = saved.m; q("message").hidden = false;
        q("picture").hidden = true; q("details").hidden = true; ctl.step.disabled = true;
        text = saved.m;
      } else {
        q("message").hidden = true; q("picture").hidden = false; q("details").hidden = false;
        ctl.step.disabled = false;
        var st = { o: saved.o, rs: saved.rs, cs: saved.cs, taps: data.taps[k + "," + d],
                   x: data.padded[i + "," + p], w: data.kernels[k] };
        var oh = st.o.length, ow = st.o[0].length, n = oh * ow;
        // The step slider counts from 1 like its label; output rows and columns from 0 like torch.
        ctl.step.max = String(n);
        if (Number(ctl.step.value) > n) { ctl.step.value = String(n); }
        var step = Number(ctl.step.value) - 1;
        svg.setAttribute("viewBox", "0 0 " + data.width + " " + saved.h);
        svg.setAttribute("height", String(saved.h));
        var layers = data.layers;
        showOnly(svg, layers, "in", [i + "," + p]); showOnly(svg, layers, "k", [String(k)]);
        showOnly(svg, layers, "out", [oh + "," + ow]); showOnly(svg, layers, "win", [k + "," + d]);
        showOnly(svg, layers, "ur", saved.ur.map(function (row) { return st.x.length + "," + row; }));
        showOnly(svg, layers, "uc", saved.uc.map(function (col) { return st.x.length + "," + col; }));
        q("output-numbers").querySelectorAll("text").forEach(function (t, m) {
          var row = Math.floor(m / data.slots), col = m % data.slots;
          t.textContent = row < oh && col < ow ? String(st.o[row][col]) : "";
        });
        var said = drawStep(q, S, C, st, step);
        q("output-shape").textContent = fill(S.shape, { rows: oh, cols: ow });
        q("call").textContent = fill(S.call, { stride: s, padding: p, dilation: d });
        q("shapes").textContent = saved.sh;
        q("unreached").textContent = saved.ur.length || saved.uc.length
          ? fill(S.unreached, { rows: list(saved.ur), cols: list(saved.uc) }) : S.unreached_none;
        var counter = fill(S.counter, { step: step + 1, total: n });
        q("step-counter").textContent = counter;
        ctl.step.setAttribute("aria-valuetext", counter);
        var title = fill(S.title, { i_rows: i, i_cols: i, padding: p, k_rows: k, k_cols: k,
          stride: s, dilation: d, o_rows: oh, o_cols: ow });
        var label = title + S.sentences + said;
        svg.setAttribute("aria-label", label);
        svg.querySelector("title").textContent = label;
        text = what === "step" ? fill(S.announce_step, { counter: counter, terms: q("terms").textContent })
          : fill(S.announce, { input: i, padding: p, stride: s, kernel: k, dilation: d, rows: oh, cols: ow });
      }
      if (what && text !== last) { q("announce").textContent = text; last = text; }
    }
    Object.keys(ctl).forEach(function (name) {
      ctl[name].addEventListener("input", function () { update(name); });
    });
    // The page already shows the first setting, as Python drew it: the states are read and the
    // picture redrawn only when a slider moves (a phone loading the page does neither), or now
    // if the browser restored sliders moved before the reader left the page and came back.
    if (Object.keys(ctl).some(function (name) { return ctl[name].value !== ctl[name].defaultValue; })) {
      update(null);
    }
  }

  /* One gallery animation: one precomputed state; the reader predicts the output size first
     (the output and its size appear after a step, Play, or the answer's toggle). */
  var motion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  function animation(anim) {
    var data = read(anim), S = data.strings, C = data.cell, q = finder(anim);
    var st = data.state, n = st.o.length * st.o[0].length, frame = 0, timer = null, shown = false;
    var play = anim.querySelector('[data-action="play"]'), pause = anim.querySelector('[data-action="pause"]');
    var svg = anim.querySelector("svg"), answer = q("answer");
    function reveal() {
      if (shown) { return; }
      shown = true;
      q("output").removeAttribute("display");
      if (answer && !answer.open) { answer.open = true; }
    }
    function draw(announce) {
      var said = drawStep(q, S, C, st, frame);
      var counter = shown ? fill(S.counter, { frame: frame + 1, total: n }) : fill(S.counter_hidden, { frame: frame + 1 });
      q("frame").textContent = counter;
      var label = (shown ? data.t : data.t_hidden) + S.sentences + said;
      svg.setAttribute("aria-label", label);
      svg.querySelector("title").textContent = label;
      if (announce) { q("announce").textContent = counter; }
    }
    function stop() {
      if (timer !== null) { clearInterval(timer); timer = null; }
      play.setAttribute("aria-pressed", "false");
    }
    function reduced() {
      var on = !!(motion && motion.matches);
      if (on) { stop(); }
      play.disabled = on; q("reduced-motion").hidden = !on;
    }
    play.addEventListener("click", function () {
      if (timer !== null || play.disabled) { return; }
      reveal(); draw(false);
      play.setAttribute("aria-pressed", "true");
      timer = setInterval(function () { frame = (frame + 1) % n; draw(false); }, data.interval);
    });
    pause.addEventListener("click", stop);
    anim.querySelector('[data-action="step"]').addEventListener("click", function () {
      stop(); reveal(); frame = (frame + 1) % n; draw(true);
    });
    if (answer) { answer.addEventListener("toggle", function () { if (answer.open) { reveal(); draw(false); } }); }
    if (motion) {
      if (motion.addEventListener) { motion.addEventListener("change", reduced); }
      else if (motion.addListener) { motion.addListener(reduced); }
    }
    reduced();  // the page already shows frame 1, as Python drew it: nothing to draw yet
  }

  function once(init) {
    return function (root) {
      if (root.getAttribute("data-ready")) { return; }
      root.setAttribute("data-ready", "1");
      init(root);
    };
  }
  function start() {
    document.querySelectorAll(".convcourse-explorer").forEach(once(explorer));
    document.querySelectorAll(".convcourse-animation").forEach(once(animation));
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
