// Rendering probes, run between axe-core and collect.js, one call per viewport state
// (capture/probes.py changes the viewport and restores it). Each call reads everything it
// needs, then writes its findings as attributes, so collect.js serialises them:
//   <html data-ra-probes="reflow text vertical">  the probes that ran to the end
//   step "reflow" (viewport 320 px wide), 10.11.1:
//     <html data-ra-reflow-width="N">  document scroll width at 320 px
//     data-ra-reflow="overflow|exception"  outermost elements whose right edge passes 320 px
//       (exception: images, video, canvas, data tables, pre, maps and what they hold)
//   step "text" (normal viewport), 10.4.1 and 10.12.1, plus the vertical-text test for 10.11.2:
//     data-ra-zoom="clipped|ellipsis"  text cut off once the root font size doubles
//     data-ra-spacing="clipped|ellipsis|overlap"  text cut off or spilling out of its box once
//       line-height 1.5, paragraph spacing 2em, letter-spacing .12em, word-spacing .16em apply
//     <html data-ra-vertical="0|1">  whether the content is written vertically
//   step "vertical" (viewport 256 px high, vertical text only), 10.11.2:
//     <html data-ra-reflow-height="N">, data-ra-reflow-v="overflow" on the outermost elements
//       whose bottom edge passes 256 px
// Elements already cut off before a change (visually hidden text, ellipsis by design) are
// left out: only what the change breaks is marked. Returns counts and timings.
async (step) => {
  const started = performance.now();
  const BUDGET_MS = 400;
  const MAX_SCAN = 8000;
  const MAX_MARKS = 20;
  const root = document.documentElement;
  const body = document.body;
  if (!root || !body) return {step, skipped: 'no body'};
  const done = (name) => {
    const have = (root.getAttribute('data-ra-probes') || '').split(' ').filter(Boolean);
    if (!have.includes(name)) have.push(name);
    root.setAttribute('data-ra-probes', have.join(' '));
  };
  const visible = (el) => !el.checkVisibility || el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  // Let a resize or a style change reach layout and any resize handler run.
  const settle = () => new Promise((resolve) => {
    const timer = setTimeout(resolve, 60);
    requestAnimationFrame(() => { clearTimeout(timer); setTimeout(resolve, 0); });
  });

  if (step === 'reflow' || step === 'vertical') {
    await settle();
    const horizontal = step === 'reflow';
    const limit = horizontal ? innerWidth : innerHeight;
    const extent = horizontal ? root.scrollWidth : root.scrollHeight;
    root.setAttribute(horizontal ? 'data-ra-reflow-width' : 'data-ra-reflow-height', String(extent));
    const facts = {step, viewport: limit, extent, overflow: 0, exceptions: 0, complete: true};
    if (extent > limit + 1) {
      const exempt = 'img,picture,video,canvas,pre,map,area,object,embed,' +
        'table:not([role=presentation]):not([role=none])';
      const past = (el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return false;
        return horizontal ? r.right + scrollX > limit + 1 : r.bottom + scrollY > limit + 1;
      };
      const marks = [];
      let scanned = 0;
      for (const el of body.getElementsByTagName('*')) {
        if (++scanned > MAX_SCAN || performance.now() - started > BUDGET_MS) { facts.complete = false; break; }
        if (marks.length >= 2 * MAX_MARKS) break;
        if (!past(el) || !visible(el)) continue;
        const parent = el.parentElement;
        if (parent && parent !== body && past(parent)) continue;  // the outermost one says it all
        const position = getComputedStyle(el).position;
        if (position === 'fixed') continue;  // fixed boxes do not make the page scroll
        marks.push([el, el.closest(exempt) || el.querySelector('svg, img, canvas, video') && el.children.length === 1
          ? 'exception' : 'overflow']);
      }
      for (const [el, kind] of marks) {
        if (kind === 'overflow' ? facts.overflow >= MAX_MARKS : facts.exceptions >= MAX_MARKS) continue;
        el.setAttribute(horizontal ? 'data-ra-reflow' : 'data-ra-reflow-v', kind);
        if (kind === 'overflow') facts.overflow++; else facts.exceptions++;
      }
    }
    if (facts.complete) done(step);
    facts.ms = Math.round(performance.now() - started);
    return facts;
  }

  // --- step "text": enlarged text and text spacing, at the normal viewport -------------------
  const facts = {step, candidates: 0, zoom: 0, spacing: 0, complete: true};
  const clipping = (value) => value === 'hidden' || value === 'clip';
  const candidates = [];
  let verticalText = 0;
  const rootMode = getComputedStyle(root).writingMode;
  const bodyMode = getComputedStyle(body).writingMode;
  let scanned = 0;
  for (const el of body.getElementsByTagName('*')) {
    if (++scanned > MAX_SCAN || performance.now() - started > BUDGET_MS / 2) { facts.complete = false; break; }
    const tag = el.localName;
    if (tag === 'script' || tag === 'style' || tag === 'svg' || el.closest('svg')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'inline' || style.display === 'none' || style.display === 'contents') continue;
    const ownText = ownTextLength(el);
    if (ownText && /^(vertical|sideways)/.test(style.writingMode)) verticalText += ownText;
    const clipsX = clipping(style.overflowX), clipsY = clipping(style.overflowY);
    const clipped = (clipsX || clipsY) && style.clip === 'auto' && style.clipPath === 'none';
    if (!clipped && !ownText) continue;
    if (!clipped && candidates.length > 3000) continue;
    if (!(el.textContent || '').trim() || !visible(el)) continue;
    if (el.clientWidth < 4 || el.clientHeight < 4) continue;  // visually hidden text
    candidates.push({el, clipsX: clipped && clipsX, clipsY: clipped && clipsY, clipped,
                     ellipsis: style.textOverflow === 'ellipsis'});
  }
  facts.candidates = candidates.length;
  const vertical = /^(vertical|sideways)/.test(rootMode) || /^(vertical|sideways)/.test(bodyMode) ||
    verticalText > 200;
  root.setAttribute('data-ra-vertical', vertical ? '1' : '0');
  facts.vertical = vertical;
  const measure = () => candidates.map((c) => ({
    w: c.el.scrollWidth, h: c.el.scrollHeight, cw: c.el.clientWidth, ch: c.el.clientHeight}));
  // What is cut or spilling in a state, compared with the base state.
  const broken = (base, now) => {
    const out = [];
    candidates.forEach((c, i) => {
      const b = base[i], n = now[i];
      const cutX = (m) => m.w > m.cw + 1, cutY = (m) => m.h > m.ch + 1;
      if (c.clipped) {
        const was = (c.clipsX && cutX(b)) || (c.clipsY && cutY(b));
        const is = (c.clipsX && cutX(n)) || (c.clipsY && cutY(n));
        if (is && !was) out.push([c.el, c.ellipsis ? 'ellipsis' : 'clipped']);
      } else if (cutY(n) && !cutY(b) && n.ch === b.ch && n.h > b.h + 2) {
        out.push([c.el, 'overlap']);  // the text grew, its box did not: it spills over
      }
    });
    // The outermost broken element is enough.
    const set = new Set(out.map(([el]) => el));
    return out.filter(([el]) => !(el.parentElement && set.has(el.parentElement))).slice(0, MAX_MARKS);
  };
  const base = measure();
  const marks = [];
  // 200 % text: double the root font size (what rem and em sizes follow).
  const rootSize = parseFloat(getComputedStyle(root).fontSize) || 16;
  const previousInline = root.style.getPropertyValue('font-size');
  const previousPriority = root.style.getPropertyPriority('font-size');
  root.style.setProperty('font-size', (2 * rootSize) + 'px', 'important');
  try {
    for (const [el, kind] of broken(base, measure())) marks.push([el, 'data-ra-zoom', kind]);
  } finally {
    if (previousInline) root.style.setProperty('font-size', previousInline, previousPriority);
    else root.style.removeProperty('font-size');
    if (!root.getAttribute('style')) root.removeAttribute('style');
  }
  facts.zoom = marks.length;
  // Text spacing: the WCAG 1.4.12 values, as a user style sheet would set them.
  const sheet = document.createElement('style');
  sheet.textContent = '*:not(svg):not(svg *){line-height:1.5!important;letter-spacing:.12em!important;' +
    'word-spacing:.16em!important}p{margin-bottom:2em!important}';
  (document.head || root).appendChild(sheet);
  try {
    for (const [el, kind] of broken(base, measure())) marks.push([el, 'data-ra-spacing', kind]);
  } finally {
    sheet.remove();
  }
  facts.spacing = marks.length - facts.zoom;
  for (const [el, attribute, value] of marks) el.setAttribute(attribute, value);
  if (facts.complete) done('text');
  facts.ms = Math.round(performance.now() - started);
  return facts;

  function ownTextLength(el) {
    let n = 0;
    for (const node of el.childNodes) if (node.nodeType === 3) n += node.data.trim().length;
    return n;
  }
}
