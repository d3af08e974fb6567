// What a person sees, measured in the page (tests/web/browser/test_seen.py evaluates
// this object and calls one of its methods).
({
  // The words that wrap inside themselves, and the text a box cuts off.
  text: () => {
    const broken = [], cut = [];
    const hiddenish = 'svg, script, style, noscript, textarea, select, option, template, .visually-hidden, [hidden], [aria-hidden="true"]';
    function blockOf(el) {
      let e = el;
      while (e && getComputedStyle(e).display.startsWith('inline') && getComputedStyle(e).display !== 'inline-block'
             && getComputedStyle(e).display !== 'inline-flex' && getComputedStyle(e).display !== 'inline-grid') e = e.parentElement;
      return e || document.body;
    }
    function innerWidth(e) {
      const s = getComputedStyle(e);
      return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const el = node.parentElement;
      if (!el || el.closest(hiddenish) || !node.data.trim()) continue;
      if (!el.getClientRects().length) continue;
      let tiny = false;  // inside a visually hidden box (for screen readers only)
      for (let a = el; a; a = a.parentElement) { const b = a.getBoundingClientRect(); if (b.width <= 2 || b.height <= 2) { tiny = true; break; } }
      if (tiny) continue;
      const re = /[^\s\-\u2010-\u2014\/]+[\-\u2010-\u2014\/]?/g;
      let m;
      while ((m = re.exec(node.data))) {
        const word = m[0].replace(/[\-\u2010-\u2014\/]$/, '');
        if (word.length < 2) continue;
        const r = document.createRange();
        r.setStart(node, m.index); r.setEnd(node, m.index + word.length);
        const rects = Array.from(r.getClientRects()).filter(x => x.width > 0.5);
        const lines = new Set(rects.map(x => Math.round(x.bottom)));
        if (lines.size < 2) continue;
        const width = rects.reduce((s, x) => s + x.width, 0);
        const box = blockOf(el);
        // Longer than the page's column (a long address on a phone): it has to break somewhere.
        if (width > innerWidth(document.querySelector('main') || document.body) - 1) continue;
        broken.push(`"${word}" on ${lines.size} lines in <${box.tagName.toLowerCase()} class="${box.className}"> ${Math.round(innerWidth(box))} px wide`);
      }
      // Cut off: an ancestor that hides overflow and a text rect outside it.
      const r = document.createRange(); r.selectNodeContents(node);
      const rects = Array.from(r.getClientRects()).filter(x => x.width > 0.5);
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (!/hidden|clip/.test(s.overflowX + s.overflowY)) continue;
        const b = a.getBoundingClientRect();
        if (b.width <= 2 || b.height <= 2) break;  // visually hidden, for screen readers
        if (rects.some(x => x.left < b.left - 1 || x.right > b.right + 1 || x.top < b.top - 1 || x.bottom > b.bottom + 1))
          cut.push(`"${node.data.trim().slice(0, 40)}" is cut by <${a.tagName.toLowerCase()} class="${a.className}">`);
        break;
      }
    }
    // A select shows its chosen option whole.
    const canvas = document.createElement('canvas').getContext('2d');
    document.querySelectorAll('select').forEach(sel => {
      if (!sel.getClientRects().length || sel.closest('[hidden], .visually-hidden')) return;
      const s = getComputedStyle(sel);
      canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      const opt = sel.options[sel.selectedIndex];
      if (!opt) return;
      const need = canvas.measureText(opt.text).width + parseFloat(s.paddingLeft) + 20;
      if (need > sel.clientWidth + 1)
        cut.push(`select #${sel.id}: "${opt.text}" needs ${Math.round(need)} px, has ${sel.clientWidth}`);
    });
    return {broken, cut};
  },

  // The timeline as drawn: labels, marks and lines in screen coordinates.
  timeline: () => {
    const out = [];
    document.querySelectorAll('figure.timeline svg.chart').forEach(svg => {
      const box = svg.getBoundingClientRect();
      const texts = Array.from(svg.querySelectorAll('text')).map(t => ({t, r: t.getBoundingClientRect(), s: t.textContent}));
      const marks = Array.from(svg.querySelectorAll('circle, rect.tl-interview')).map(m => ({m, r: m.getBoundingClientRect()}));
      const verticals = Array.from(svg.querySelectorAll('g.promised line, g.today line')).map(l => l.getBoundingClientRect());
      const hit = (a, b, pad = 0.5) => a.left < b.right - pad && b.left < a.right - pad && a.top < b.bottom - pad && b.top < a.bottom - pad;
      texts.forEach((a, i) => {
        if (a.r.left < box.left - 1 || a.r.right > box.right + 1 || a.r.top < box.top - 1 || a.r.bottom > box.bottom + 1)
          out.push(`label "${a.s}" leaves the chart`);
        texts.slice(i + 1).forEach(b => { if (hit(a.r, b.r)) out.push(`labels "${a.s}" and "${b.s}" overlap`); });
        marks.forEach(m => { if (m.m.parentNode !== a.t.parentNode && hit(a.r, m.r)) out.push(`label "${a.s}" covers a mark`); });
        const s = getComputedStyle(a.t);
        const haloed = s.paintOrder.startsWith('stroke') && s.stroke !== 'none' && parseFloat(s.strokeWidth) >= 2;
        verticals.forEach(v => {
          const line = {left: v.left - 1, right: v.right + 1, top: v.top, bottom: v.bottom};
          if (hit(a.r, line) && !haloed) out.push(`a date line runs through "${a.s}"`);
        });
      });
    });
    return out;
  },

  // On a phone the chart opens with the lane names and today's line in view.
  inView: () => {
    const out = [];
    document.querySelectorAll('figure.timeline .scroll').forEach(scroller => {
      const view = scroller.getBoundingClientRect();
      if (!scroller.querySelector('.lanes text')) out.push('no lane names pinned beside the chart');
      const inside = r => r.left >= view.left - 1 && r.right <= view.right + 1;
      scroller.querySelectorAll('.lanes text').forEach(t => {
        if (!inside(t.getBoundingClientRect())) out.push(`lane name "${t.textContent}" is out of view`);
      });
      const today = scroller.querySelector('g.today line');
      if (today && !inside(today.getBoundingClientRect())) out.push('today is out of view');
    });
    return out;
  },
})
