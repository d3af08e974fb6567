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
    // A refused move's Reload: the address is the board's already (below), so following
    // the link would only scroll to the card; load the board afresh instead.
    if (event.target.closest("[data-reload]")) { event.preventDefault(); location.reload(); return; }
    if (event.target.closest("#shortcuts-link")) { event.preventDefault(); toggleKeys(); }
    var pick = event.target.closest("[data-select]");
    if (pick) { selectFinding(pick); }
  });

  // A finding clicked selects its words in the editor. The linter counts lines split on
  // "\n" and columns in characters (code points); the box counts UTF-16 units.
  function selectFinding(button) {
    var box = document.getElementById("text");
    if (!box) return;
    var lines = box.value.split("\n");
    var line = parseInt(button.getAttribute("data-line"), 10) - 1;
    var column = parseInt(button.getAttribute("data-column"), 10) - 1;
    var excerpt = button.getAttribute("data-excerpt") || "";
    if (!(line >= 0 && line < lines.length)) return;
    var start = 0;
    for (var n = 0; n < line; n++) start += lines[n].length + 1;
    var chars = Array.from(lines[line]);
    var at = chars.slice(0, column).join("").length;
    if (lines[line].substr(at, excerpt.length) !== excerpt) {  // moved since: find it on its line
      var found = lines[line].indexOf(excerpt);
      if (found < 0) { found = box.value.indexOf(excerpt); if (found < 0) return; start = 0; }
      at = found;
    }
    box.focus({preventScroll: true});
    box.setSelectionRange(start + at, start + at + excerpt.length);
    // Bring the selection into view: measure the lines above it with the box's own metrics.
    var lineHeight = parseFloat(getComputedStyle(box).lineHeight) || 20;
    var before = box.value.slice(0, start + at).split("\n").length - 1;
    box.scrollTop = Math.max(0, before * lineHeight - box.clientHeight / 3);
    box.scrollIntoView({block: "nearest"});
  }

  // A card can be "selected" with j/k; d drafts it, x marks it done, Enter opens it.
  function cards() {  // the cards on screen: not in a closed stage, not filtered out
    return Array.prototype.slice.call(document.querySelectorAll("[data-card]"))
      .filter(function (c) { return c.getClientRects().length > 0; });
  }
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
  // The shortcuts: a modal dialog (focus kept inside, Esc closes it, focus goes back).
  function toggleKeys(force) {
    var box = document.getElementById("shortcuts");
    if (!box || typeof box.showModal !== "function") return;
    var show = force === undefined ? !box.open : force;
    if (show && !box.open) box.showModal();
    else if (!show && box.open) box.close();
  }
  var pending = "";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (event.key === "Escape") { if (typing) t.blur(); return; }
    if (typing) return;
    var key = event.key;
    if (key === "u") {  // Undo what the toast says was just done
      var undo = document.getElementById("undo");
      if (undo) { event.preventDefault(); keepPlace(); undo.click(); }
      return;
    }
    if (pending === "g") {
      pending = "";
      if (key === "t") { location.href = "/"; return; }
      if (key === "p") { location.href = "/pipeline"; return; }
      if (key === "c") { location.href = "/calendar"; return; }
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
      if (done) { event.preventDefault(); keepPlace(card); done.click(); }
    }
  });

  // After an action the page comes back where it was: the scroll position, and the focus
  // on the card after the one acted on (or the card the Move menu moved).
  var PLACE = "followup.place";
  var acted = /[?&]done=/.test(location.search);  // the page a POST led back to
  function keepPlace(card) {
    var all = cards();
    var at = card ? all.indexOf(card) : -1;
    try {
      sessionStorage.setItem(PLACE, JSON.stringify({path: location.pathname, y: window.scrollY,
        card: at, id: card ? card.id : ""}));
    } catch (e) { /* storage refused: the page opens at the top */ }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || (form.method || "").toLowerCase() !== "post") return;
    keepPlace(form.closest("[data-card]"));
    if (form.id === "sync-form") {  // a sync takes seconds: say so, and no second click
      var button = form.querySelector("button");
      setTimeout(function () { button.disabled = true; button.textContent = "Syncing..."; }, 0);
      form.setAttribute("aria-busy", "true");
    }
  }, true);
  function restorePlace() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(PLACE) || "null"); sessionStorage.removeItem(PLACE); }
    catch (e) { saved = null; }
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.hasAttribute("data-card")) {  // the card the Move menu moved
      var stage = target.closest("details");
      if (stage) stage.open = true;
      target.classList.add("moved");
      target.scrollIntoView({block: "center"});
      var link = target.querySelector("[data-primary]");
      if (link) link.focus({preventScroll: true});
      return;
    }
    if (!saved || saved.path !== location.pathname || !acted) return;
    window.scrollTo(0, saved.y);
    var all = cards();
    var same = saved.id ? document.getElementById(saved.id) : null;
    var next = same && all.indexOf(same) >= 0 ? same : all[Math.min(Math.max(saved.card, 0), all.length - 1)];
    if (saved.card >= 0 && next) { selected = all.indexOf(next); select(selected); return; }
    var toast = document.getElementById("toast");
    if (toast) { toast.setAttribute("tabindex", "-1"); toast.focus({preventScroll: true}); }
  }

  // The toast: Dismiss or 8 s after the pointer or focus leaves it; a reload does not
  // bring it back (the `done` parameter is taken out of the address).
  var toastBox = document.getElementById("toast");
  if (toastBox && toastBox.hasAttribute("data-refused")) {
    // A move refused (the page was stale): the address becomes the board's, so a reload
    // shows the change instead of posting the stale move again.
    history.replaceState(null, "", toastBox.getAttribute("data-refused"));
  } else if (toastBox && acted) {
    var clean = location.pathname + location.search.replace(/([?&])done=\d+&?/, "$1").replace(/[?&]$/, "") + location.hash;
    history.replaceState(null, "", clean);
  }

  // Pipeline on a phone: the stages stacked and closed but the first with cards (or the
  // one a filter asked for), so the page starts as a list of stages with their counts.
  var narrow = window.matchMedia("(max-width: 700px)");
  function fold() {
    var stages = Array.prototype.slice.call(document.querySelectorAll(".board details.stage"));
    if (!stages.length) return;
    var first = null;
    stages.forEach(function (d) {
      if (!first && !d.hidden && d.querySelector("[data-card]")) first = d;
    });
    stages.forEach(function (d) { d.open = !narrow.matches || d === first; });
  }
  fold();
  // After the load: the browser's own jump to the #fragment comes first, then the focus.
  if (document.readyState === "complete") restorePlace();
  else window.addEventListener("load", function () { setTimeout(restorePlace, 0); });

  // Pipeline: drag a card to another stage (native HTML5 drag and drop). The drop fills the
  // card's own Move form with the status the column stands for and sends it: the same
  // route, CSRF token, toast and Undo as the menu. Closed asks which way (the menu opens at
  // the closing statuses); a drop between applied, interviewing and waiting says why the
  // records keep the card where it is.
  var dragged = null;
  function boardNote(text) {
    var note = document.getElementById("board-note");
    if (note) note.textContent = text;
  }
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".board [data-card]");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
  });
  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    document.querySelectorAll(".board .drop-here").forEach(function (c) { c.classList.remove("drop-here"); });
  });
  function dropColumn(event) {
    var col = event.target.closest && event.target.closest(".board details.stage");
    return dragged && col && col !== dragged.closest("details.stage") ? col : null;
  }
  document.addEventListener("dragover", function (event) {
    var col = dropColumn(event);
    if (!col) return;
    event.preventDefault();  // this column takes the drop
    event.dataTransfer.dropEffect = "move";
    document.querySelectorAll(".board .drop-here").forEach(function (c) {
      if (c !== col) c.classList.remove("drop-here");
    });
    col.classList.add("drop-here");
  });
  document.addEventListener("drop", function (event) {
    var col = dropColumn(event);
    if (!col) return;
    event.preventDefault();
    var card = dragged;
    col.classList.remove("drop-here");
    var menu = card.querySelector("details.move");
    var form = menu && menu.querySelector("form");
    var select = form && form.querySelector("select[name=status]");
    if (!select) return;
    var status = col.getAttribute("data-drop-status");
    var company = card.getAttribute("data-company");
    var name = col.getAttribute("data-stage");
    if (!status) {  // closed: which way?
      menu.open = true;
      if (!/^(offer|accepted|declined|rejected|withdrawn)$/.test(select.value)) {
        select.value = "rejected";
      }
      select.focus();
      boardNote("How did " + company + " close? Pick it in the card's menu, then Move.");
      return;
    }
    if (status === card.getAttribute("data-status")) {
      boardNote(company + " is already " + status + ", so it stays where its records put it: " +
        col.getAttribute("data-drop-note") + ".");
      return;
    }
    select.value = status;
    boardNote("Moving " + company + " to " + name + "...");
    keepPlace(card);
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
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
// A timeline wider than the screen scrolls sideways: the lane names stay pinned at the
// left (CSS) and it opens with today in view, with the labels of what comes next whole.
document.querySelectorAll("figure.timeline .scroll").forEach(function (box) {
  if (box.scrollWidth <= box.clientWidth) return;
  box.classList.add("scrolls");
  var today = box.querySelector("g.today line");
  var lanes = box.querySelector("svg.lanes");
  if (!today) return;
  var origin = box.getBoundingClientRect().left - box.scrollLeft;
  var pinned = lanes ? lanes.getBoundingClientRect().width : 0;
  var x = today.getBoundingClientRect().left - origin;
  var from = x;
  box.querySelectorAll("svg.chart g.planned text, svg.chart g.interview text, svg.chart g.today text")
    .forEach(function (t) {
      var r = t.getBoundingClientRect();
      if (r.right - origin >= x) from = Math.min(from, r.left - origin);
    });
  var room = box.clientWidth - pinned;
  var start = Math.min(from - 12, x - room / 3);
  box.scrollLeft = Math.max(0, start - pinned);
});
