/* convcourse's animation gallery. Frames are the steps of a convolution drawn in Python; this
   script moves the window and the output highlight and fills text templates (messages.py).
   No autoplay; with prefers-reduced-motion, Play is off and Step moves one frame at a time. */
(function () {
  "use strict";
  function fill(t, v) {
    return t.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? String(v[k]) : m; });
  }
  var motion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  function init(anim) {
    if (anim.getAttribute("data-ready")) { return; }
    anim.setAttribute("data-ready", "1");
    var data = JSON.parse(anim.querySelector('script[data-role="data"]').textContent);
    var S = data.strings, C = data.cell, o = data.o, x = data.x, w = data.w;
    var ow = o[0].length, n = o.length * ow, frame = 0, timer = null;
    function q(sel) { return anim.querySelector(sel); }
    var play = q('[data-action="play"]'), pause = q('[data-action="pause"]');
    var svg = q("svg"), note = q('[data-role="reduced-motion"]');
    function draw(announce) {
      var r = Math.floor(frame / ow), c = frame % ow, terms = [];
      q('[data-role="window"]').setAttribute("transform",
        "translate(" + c * data.s * C + " " + r * data.s * C + ")");
      q('[data-role="highlight"]').setAttribute("transform", "translate(" + c * C + " " + r * C + ")");
      for (var a = 0; a < w.length; a++) {
        for (var b = 0; b < w[a].length; b++) {
          terms.push(fill(S.term, { x: x[r * data.s + a * data.d][c * data.s + b * data.d], w: w[a][b] }));
        }
      }
      var counter = fill(S.counter, { frame: frame + 1, total: n });
      q('[data-role="frame"]').textContent = counter;
      q('[data-role="terms"]').textContent = fill(S.terms,
        { row: r, col: c, terms: terms.join(S.joiner), total: o[r][c] });
      var label = data.t + " " + fill(S.step, { row: r, col: c, total: o[r][c] });
      svg.setAttribute("aria-label", label);
      svg.querySelector("title").textContent = label;
      if (announce) { q('[data-role="announce"]').textContent = counter; }
    }
    function stop() {
      if (timer !== null) { clearInterval(timer); timer = null; }
      play.setAttribute("aria-pressed", "false");
    }
    function reduced() {
      var on = !!(motion && motion.matches);
      if (on) { stop(); }
      play.disabled = on; note.hidden = !on;
    }
    play.addEventListener("click", function () {
      if (timer !== null || play.disabled) { return; }
      play.setAttribute("aria-pressed", "true");
      timer = setInterval(function () { frame = (frame + 1) % n; draw(false); }, data.interval);
    });
    pause.addEventListener("click", stop);
    q('[data-action="step"]').addEventListener("click", function () {
      stop(); frame = (frame + 1) % n; draw(true);
    });
    if (motion) {
      if (motion.addEventListener) { motion.addEventListener("change", reduced); }
      else if (motion.addListener) { motion.addListener(reduced); }
    }
    reduced();
    draw(false);
  }
  function start() { document.querySelectorAll(".convcourse-animation").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
