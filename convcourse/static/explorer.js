/* convcourse's static convolution explorer. Every picture layer and number was computed in Python
   at build time; this script only shows the chosen setting's layers, writes its numbers into
   their places, moves the window to the chosen step and fills the sentence templates of
   convcourse/messages.py. */
(function () {
  "use strict";
  function fill(t, v) {
    return t.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? String(v[k]) : m; });
  }
  function init(root) {
    if (root.getAttribute("data-ready")) { return; }
    root.setAttribute("data-ready", "1");
    var data = JSON.parse(root.querySelector('script[data-role="data"]').textContent);
    var S = data.strings, C = data.cell, fixed = data.fixed, last = null;
    var ctl = {};
    root.querySelectorAll("input[data-control]").forEach(function (el) {
      ctl[el.getAttribute("data-control")] = el;
    });
    function q(role) { return root.querySelector('[data-role="' + role + '"]'); }
    var svg = q("picture").querySelector("svg");
    function show(layer, key) {
      svg.querySelectorAll('[data-layer="' + layer + '"]').forEach(function (g) {
        if (g.getAttribute("data-key") === key) { g.removeAttribute("hidden"); }
        else { g.setAttribute("hidden", ""); }
      });
    }
    function showAll(layer, keys) {
      svg.querySelectorAll('[data-layer="' + layer + '"]').forEach(function (g) {
        if (keys.indexOf(g.getAttribute("data-key")) >= 0) { g.removeAttribute("hidden"); }
        else { g.setAttribute("hidden", ""); }
      });
    }
    function list(items) { return items.length ? items.join(S.list) : S.none; }
    function value(name) { return ctl[name] ? Number(ctl[name].value) : fixed[name]; }
    function update(what) {
      Object.keys(ctl).forEach(function (name) {
        var out = root.querySelector('output[for="' + ctl[name].id + '"]');
        if (out) { out.textContent = ctl[name].value; }
      });
      var i = value("input"), p = value("padding"), s = value("stride"), k = value("kernel");
      var d = value("dilation"), key = [i, p, s, k, d].join(","), st = data.states[key];
      var message = q("message"), announce = q("announce"), text;
      if (st.m) {
        message.textContent = st.m; message.hidden = false;
        q("picture").hidden = true; q("details").hidden = true;
        ctl.step.disabled = true;
        text = st.m;
      } else {
        message.hidden = true; q("picture").hidden = false; q("details").hidden = false;
        ctl.step.disabled = false;
        var oh = st.o.length, ow = st.o[0].length, n = oh * ow;
        var x = data.padded[i + "," + p], w = data.kernels[k], terms = [];
        // The step slider counts from 1 like its label; output rows and columns from 0 like torch.
        ctl.step.max = String(n);
        if (Number(ctl.step.value) > n) { ctl.step.value = String(n); }
        var step = Number(ctl.step.value) - 1, r = Math.floor(step / ow), c = step % ow;
        // Fit the picture's height to this setting (the width stays: the panels do not move).
        var rows = Math.max(x.length, w.length, oh), height = data.top + rows * C + 2;
        svg.setAttribute("viewBox", "0 0 " + data.width + " " + height);
        svg.setAttribute("height", String(height));
        show("in", i + "," + p); show("k", String(k)); show("out", oh + "," + ow);
        var size = x.length;
        showAll("ur", st.ur.map(function (r) { return size + "," + r; }));
        showAll("uc", st.uc.map(function (c) { return size + "," + c; }));
        // Each setting's output numbers (computed by torch at build time) into the number places.
        q("output-numbers").querySelectorAll("text").forEach(function (t, n) {
          var row = Math.floor(n / data.slots), col = n % data.slots;
          t.textContent = row < oh && col < ow ? String(st.o[row][col]) : "";
        }); show("win", k + "," + d);
        q("window").setAttribute("transform", "translate(" + c * s * C + " " + r * s * C + ")");
        q("highlight").setAttribute("transform", "translate(" + c * C + " " + r * C + ")");
        for (var a = 0; a < w.length; a++) {
          for (var b = 0; b < w[a].length; b++) {
            terms.push(fill(S.term, { x: x[r * s + a * d][c * s + b * d], w: w[a][b] }));
          }
        }
        var total = st.o[r][c];
        q("terms").textContent = fill(S.terms, { row: r, col: c, terms: terms.join(S.joiner), total: total });
        q("output-shape").textContent = fill(S.shape, { rows: oh, cols: ow });
        q("call").textContent = fill(S.call, { stride: s, padding: p, dilation: d });
        q("shapes").textContent = st.sh;
        q("unreached").textContent = st.ur.length || st.uc.length
          ? fill(S.unreached, { rows: list(st.ur), cols: list(st.uc) }) : S.unreached_none;
        var counter = fill(S.counter, { step: step + 1, total: n });
        q("step-counter").textContent = counter;
        ctl.step.setAttribute("aria-valuetext", counter);
        var title = fill(S.title, { i_rows: i, i_cols: i, padding: p, k_rows: k, k_cols: k,
          stride: s, dilation: d, o_rows: oh, o_cols: ow });
        var label = title + " " + fill(S.step, { row: r, col: c, total: total });
        svg.setAttribute("aria-label", label);
        svg.querySelector("title").textContent = label;
        text = what === "step" ? counter + ". " + q("terms").textContent
          : fill(S.announce, { input: i, padding: p, stride: s, kernel: k, dilation: d, rows: oh, cols: ow });
      }
      if (what && text !== last) { announce.textContent = text; last = text; }
    }
    Object.keys(ctl).forEach(function (name) {
      ctl[name].addEventListener("input", function () { update(name); });
    });
    update(null);
  }
  function start() { document.querySelectorAll(".convcourse-explorer").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
