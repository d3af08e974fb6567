// Our own script: copy to clipboard, dismiss the toast, keyboard shortcuts (listed on `?`).
// Everything else is plain HTML forms and htmx attributes; the pages work without it.
(function () {
  "use strict";
  function copy(button) {
    var field = document.querySelector(button.getAttribute("data-copy"));
    var status = document.getElementById("copied");
    var done = function () { if (status) status.textContent = "Copied."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        field.select(); document.execCommand("copy"); done();
      });
    } else {
      field.select(); document.execCommand("copy"); done();
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (button) { copy(button); return; }
    var dismiss = event.target.closest("[data-dismiss]");
    if (dismiss) {
      var box = document.querySelector(dismiss.getAttribute("data-dismiss"));
      if (box) box.remove();
      return;
    }
    var print = event.target.closest("[data-print]");
    if (print) { window.print(); return; }
    if (event.target.closest("#shortcuts-link")) { event.preventDefault(); toggleKeys(); }
  });

  // A card can be "selected" with j/k; d drafts it, x marks it done, Enter opens it.
  function cards() { return Array.prototype.slice.call(document.querySelectorAll("[data-card]")); }
  var selected = -1;
  function select(n) {
    var all = cards();
    if (!all.length) return;
    selected = Math.max(0, Math.min(all.length - 1, n));
    all.forEach(function (c, i) {
      if (i === selected) c.setAttribute("aria-current", "true"); else c.removeAttribute("aria-current");
    });
    var card = all[selected];
    card.scrollIntoView({block: "nearest"});
    var first = card.querySelector("[data-primary]") || card.querySelector("a, button");
    if (first) first.focus({preventScroll: true});
  }
  function current() { var all = cards(); return selected >= 0 ? all[selected] : all[0]; }
  function toggleKeys(force) {
    var box = document.getElementById("shortcuts");
    if (!box) return;
    var show = force === undefined ? box.hidden : force;
    box.hidden = !show;
    if (show) { box.setAttribute("tabindex", "-1"); box.focus(); }
  }
  var pending = "";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (event.key === "Escape") { toggleKeys(false); if (typing) t.blur(); return; }
    if (typing) return;
    var key = event.key;
    if (pending === "g") {
      pending = "";
      if (key === "t") { location.href = "/"; return; }
      if (key === "p") { location.href = "/pipeline"; return; }
    }
    if (key === "?") { event.preventDefault(); toggleKeys(); return; }
    if (key === "g") { pending = "g"; return; }
    if (key === "j") { event.preventDefault(); select(selected + 1); return; }
    if (key === "k") { event.preventDefault(); select(selected - 1); return; }
    if (key === "/") {
      var search = document.getElementById("q");
      if (search) { event.preventDefault(); search.focus(); search.select(); }
      else { location.href = "/pipeline#q"; }
      return;
    }
    var card = current();
    if (!card) return;
    if (key === "d") {
      var draft = card.querySelector("[data-draft]");
      if (draft) { event.preventDefault(); draft.click(); }
    } else if (key === "x") {
      var done = card.querySelector("[data-done]");
      if (done) { event.preventDefault(); done.click(); }
    }
  });

  // Pipeline: filter the cards as you type (the server does the same for ?q=).
  document.addEventListener("input", function (event) {
    if (event.target.id !== "q" && event.target.id !== "stage-filter") return;
    var q = (document.getElementById("q").value || "").toLowerCase().trim();
    var stageBox = document.getElementById("stage-filter");
    var stage = stageBox ? stageBox.value : "";
    document.querySelectorAll(".board .column").forEach(function (col) {
      var shown = 0;
      col.querySelectorAll("[data-search]").forEach(function (card) {
        var ok = (!q || card.getAttribute("data-search").indexOf(q) >= 0);
        card.hidden = !ok;
        if (ok) shown++;
      });
      col.hidden = !!stage && col.getAttribute("data-stage") !== stage;
      var count = col.querySelector("[data-count]");
      if (count) count.textContent = "(" + shown + ")";
    });
  });
  if (location.hash === "#q") { var q = document.getElementById("q"); if (q) q.focus(); }
})();
// A timeline wider than the screen scrolls sideways: start with today in view.
document.querySelectorAll("figure.timeline .scroll").forEach(function (box) {
  if (box.scrollWidth <= box.clientWidth) return;
  var today = box.querySelector("g.today line");
  var svg = box.querySelector("svg");
  if (!today || !svg) return;
  var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  var x = parseFloat(today.getAttribute("x1")) * scale;
  box.scrollLeft = Math.max(0, x - box.clientWidth * 0.6);
});
