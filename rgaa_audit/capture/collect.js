// Runs in the page once axe-core is done. Gathers, in one call, what the own checks,
// the crawler and the eco figures need, and annotates the DOM before it is serialised:
//   data-ra-hidden="1"  on the topmost elements that are not rendered
//   data-ra-folded="1"  besides, when only a closed <details> folds it (one click shows it)
//   data-ra-name / data-ra-role  accessible name and role (axe-core's accname implementation)
//   data-ra-ui-contrast / data-ra-ui-colours  form field boundary against what surrounds it
//   data-ra-label-pos   where a field's label text sits (left, right, above, below, overlap)
//   data-ra-bg-nocolor  text over a covering background image without any background colour
//   data-ra-text-bg / -font / -contrast / -colours / -shadow  text over a background image or
//                       gradient, and its contrast against a computable linear gradient
//   data-ra-look="bold|big"  a short standalone line drawn like a heading (9.1.3)
//   data-ra-focus       after the DOM is serialised, "none" or "visible": whether focusing the
//                       element changed anything on screen (patched into the serialised DOM)
//   data-ra-rect="x,y,w,h"  box in document coordinates (CSS px) of the elements findings point
//                       to most (images, links, controls, frames, tables, headings, svg, [role],
//                       media, probe marks), for evidence crops; at most `maxRects`
// Also gathers, read-only, the facts the sobriety checks need under `eco` (bounded): each
// <img> (URL, natural and shown size in device pixels, top, lazy, rendered), the image URLs
// rendered elements show through CSS (backgrounds, masks, list markers, and url()s of
// ::before/::after rules in readable stylesheets), origins of unreadable stylesheets, and
// the web font faces loaded (family, weight, style).
// Returns a plain object; nothing here talks to the network.
(options) => {
  const {maxDomChars, maxRects} = typeof options === 'number'
    ? {maxDomChars: options, maxRects: 0} : options;
  const started = performance.now();
  const boxed = 'img,a[href],area,button,input:not([type=hidden]),select,textarea,iframe,frame,' +
    'object,embed,table,h1,h2,h3,h4,h5,h6,svg,[role],video,audio,canvas,label,fieldset,pre,' +
    'marquee,blink,[style*="!important"],' +
    '[data-ra-reflow],[data-ra-zoom],[data-ra-spacing],[data-ra-reflow-v]';
  let rects = 0;
  const named = 'a[href],area,button,input,select,textarea,img,svg,iframe,frame,object,embed,' +
    'h1,h2,h3,h4,h5,h6,header,nav,main,footer,aside,form,table,fieldset,[role],[tabindex],' +
    '[aria-label],[aria-labelledby]';
  // Accessible names and roles come from axe-core's accname implementation (injected just
  // before): Chromium's own Element.computedName rebuilds the accessibility tree on every
  // call, which costs minutes on a large page.
  const hasComputed = typeof axe !== 'undefined' && !!(axe.commons && axe.setup);
  if (hasComputed) axe.setup(document);
  // Read everything first, then write: setting an attribute between two reads would make
  // Chromium recompute style and the accessibility tree for every element (minutes on
  // large pages instead of milliseconds).
  const eco = ecoCollector();
  const all = document.getElementsByTagName('*');
  const writes = [];
  for (const el of all) {
    if (writes.length > 20000) break;
    const parent = el.parentElement;
    const tag = el.localName;
    if (tag === 'head' || (parent && parent.localName === 'head') || tag === 'script' || tag === 'style') continue;
    const rendered = !el.checkVisibility || el.checkVisibility({visibilityProperty: true});
    if (!rendered && (!parent || parent.checkVisibility({visibilityProperty: true}))) {
      writes.push([el, 'data-ra-hidden', '1']);
      // hidden only because a closed <details> folds it: one click shows it
      if (parent && parent.localName === 'details' && !parent.open && tag !== 'summary' && !el.hidden) {
        const style = getComputedStyle(el);
        if (style.display !== 'none' && style.visibility !== 'hidden') writes.push([el, 'data-ra-folded', '1']);
      }
    }
    if (rendered) eco.see(el, tag);
    if (hasComputed && el.matches(named)) {
      let name = null;
      let role = null;
      try {
        name = axe.commons.text.accessibleText(el);
        role = axe.commons.aria.getRole(el);
      } catch (error) { /* an element axe cannot name keeps the markup fallback */ }
      if (name !== undefined && name !== null) writes.push([el, 'data-ra-name', String(name).slice(0, 500)]);
      if (role) writes.push([el, 'data-ra-role', String(role)]);
    }
    if (rects < maxRects && el.matches(boxed) && !(parent && parent.closest('svg'))) {
      const r = el.getBoundingClientRect();
      if (r.width >= 1 && r.height >= 1) {
        writes.push([el, 'data-ra-rect', Math.round(r.left + scrollX) + ',' + Math.round(r.top + scrollY) +
          ',' + Math.round(r.width) + ',' + Math.round(r.height)]);
        rects++;
      }
    }
  }
  if (hasComputed) axe.teardown();
  const ecoFacts = eco.finish(writes.length <= 20000);
  for (const [el, attribute, value] of writes) el.setAttribute(attribute, value);
  // EcoIndex counts every element except the descendants of <svg>.
  let domElements = 0;
  for (const el of all) {
    if (!el.closest('svg') || el.localName === 'svg') domElements++;
  }
  const domElementsDeep = deepCount(document, 0);
  const links = [];
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (links.length >= 5000) break;
    links.push(a.href);
  }
  const dt = document.doctype;
  let doctype = null;
  if (dt) {
    doctype = '<!DOCTYPE ' + dt.name + (dt.publicId ? ' PUBLIC "' + dt.publicId + '"' : '') +
      (dt.systemId ? ' "' + dt.systemId + '"' : '') + '>';
  }
  const factsStarted = performance.now();
  const renderedFacts = annotateRenderedFacts();
  renderedFacts.factsMs = Math.round(performance.now() - factsStarted);
  const probed = markFocusCandidates();
  if (document.body) document.body.setAttribute('data-ra-focus-probed', 'pending');
  let dom = document.documentElement.outerHTML;
  const truncated = dom.length > maxDomChars;
  if (truncated) dom = dom.slice(0, maxDomChars);
  const focusStarted = performance.now();
  const focus = probeFocus(probed);
  renderedFacts.focusMs = Math.round(performance.now() - focusStarted);
  if (focus.none.size || focus.visible.size) {
    dom = dom.replace(/ data-ra-i="(\d+)"/g, (match, index) => {
      const i = Number(index);
      const state = focus.none.has(i) ? 'none' : focus.visible.has(i) ? 'visible' : '';
      return state ? match + ' data-ra-focus="' + state + '"' : match;
    });
  }
  for (const el of probed) el.removeAttribute('data-ra-i');
  if (document.body) document.body.removeAttribute('data-ra-focus-probed');
  const complete = !probed.capped && focus.none.size + focus.visible.size + focus.skipped === probed.length;
  dom = dom.replace(' data-ra-focus-probed="pending"', ' data-ra-focus-probed="' + (complete ? 'all' : 'some') + '"');
  return {
    title: document.title,
    doctype,
    dom: (doctype ? doctype + '\n' : '') + dom,
    domTruncated: truncated,
    domElements,
    domElementsDeep,
    rects,
    links,
    annotated: hasComputed,
    frames: document.querySelectorAll('iframe, frame').length,
    shadowHosts: countShadowHosts(),
    viewport: {width: innerWidth, height: innerHeight},
    scrollHeight: document.documentElement.scrollHeight,
    eco: ecoFacts,
    rendered: {...renderedFacts, focusProbed: probed.length, focusNone: focus.none.size,
               ms: Math.round(performance.now() - started)},
  };

  // --- sobriety facts (read only) ----------------------------------------------------------
  function ecoCollector() {
    const maxUrl = 2000, maxElements = 8000;
    const urlPattern = /url\(\s*(['"]?)(.*?)\1\s*\)/g;
    const shown = new Set();
    let seen = 0, complete = true;
    const add = (value, base) => {
      if (!value || value === 'none' || value.indexOf('url(') < 0 || shown.size >= 1000) return;
      for (const m of value.matchAll(urlPattern)) {
        if (!m[2] || m[2].startsWith('data:')) continue;
        try { shown.add(new URL(m[2], base || document.baseURI).href.slice(0, maxUrl)); } catch (error) { /* bad URL */ }
      }
    };
    return {
      see(el, tag) {
        if (++seen > maxElements) { complete = false; return; }
        const s = getComputedStyle(el);
        add(s.backgroundImage); add(s.borderImageSource); add(s.maskImage || s.webkitMaskImage);
        if (s.listStyleImage !== 'none') add(s.listStyleImage);
        if (tag === 'video' && el.poster) add('url("' + el.poster + '")');
        else if (tag === 'input' && el.type === 'image' && el.src) add('url("' + el.src + '")');
        else if (tag === 'image' && el.href && el.href.baseVal) add('url("' + el.href.baseVal + '")');
      },
      finish(loopComplete) {
        const started = performance.now();
        const unreadable = new Set();
        let rules = 0;
        const walk = (list, base) => {
          for (const rule of list) {
            if (++rules > 5000) { complete = false; return; }
            if (rule.selectorText === undefined && rule.cssRules) walk(rule.cssRules, base);
            else if (rule.selectorText && /:(before|after|marker)/.test(rule.selectorText) &&
                     rule.style && rule.style.cssText.indexOf('url(') >= 0) add(rule.style.cssText, base);
          }
        };
        for (const sheet of document.styleSheets) {
          let list = null;
          try { list = sheet.cssRules; } catch (error) { list = null; }
          if (list) walk(list, sheet.href || document.baseURI);
          else if (sheet.href && unreadable.size < 20) {
            try { unreadable.add(new URL(sheet.href).origin); } catch (error) { /* bad URL */ }
          }
        }
        for (const link of document.querySelectorAll('link[rel~=icon][href], link[rel~=apple-touch-icon][href]')) {
          add('url("' + link.href + '")');
        }
        const dpr = devicePixelRatio || 1;
        const images = [];
        for (const img of document.images) {
          if (images.length >= 300) { complete = false; break; }
          const src = img.currentSrc || img.src || '';
          if (!src || src.startsWith('data:')) continue;
          const r = img.getBoundingClientRect();
          const visible = r.width >= 1 && r.height >= 1 &&
            (!img.checkVisibility || img.checkVisibility({visibilityProperty: true}));
          if (visible) shown.add(src.slice(0, maxUrl));
          images.push({src: src.slice(0, maxUrl), nw: img.naturalWidth, nh: img.naturalHeight,
                       w: Math.round(img.clientWidth * dpr), h: Math.round(img.clientHeight * dpr),
                       top: Math.round(r.top + scrollY), visible,
                       lazy: img.loading === 'lazy' || img.hasAttribute('data-src') ||
                         img.hasAttribute('data-srcset') || /lazy/i.test(img.getAttribute('class') || '')});
        }
        const fonts = [];
        if (document.fonts) {
          for (const face of document.fonts) {
            if (fonts.length >= 100) break;
            if (face.status !== 'loaded') continue;
            fonts.push({family: String(face.family).replace(/^["']|["']$/g, '').slice(0, 100),
                        weight: String(face.weight).slice(0, 20), style: String(face.style).slice(0, 20)});
          }
        }
        return {images, shownUrls: Array.from(shown), unreadableCss: Array.from(unreadable), fonts,
                complete: complete && loopComplete, dpr, ms: Math.round(performance.now() - started)};
      },
    };
  }

  // Elements whose content the serialised DOM does not show: hosts of an open shadow root, of a
  // closed one (marked when created, see world.py), and defined custom elements. Bounded.
  function countShadowHosts() {
    let n = 0;
    const all = document.querySelectorAll('*');
    for (let i = 0; i < all.length && i < 200000; i++) {
      const el = all[i];
      if (el.shadowRoot || el.hasAttribute('data-ra-closed-shadow')
          || (el.localName.includes('-') && customElements.get(el.localName))) n++;
    }
    return n;
  }

  // Elements as EcoIndex counts them (svg descendants left out), open shadow roots and
  // same-origin frames included (cross-origin frames cannot be read). Bounded.
  function deepCount(root, depth) {
    let n = root.querySelectorAll('*').length - root.querySelectorAll('svg *').length;
    if (depth > 3 || n > 200000) return n;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) n += deepCount(el.shadowRoot, depth + 1);
      if (el.localName === 'iframe' || el.localName === 'frame') {
        let inner = null;
        try { inner = el.contentDocument; } catch (error) { inner = null; }
        if (inner) n += deepCount(inner, depth + 1);
      }
    }
    return n;
  }

  // --- colours ------------------------------------------------------------------------------
  function parseColour(text) {
    const m = /rgba?\(([^)]+)\)/.exec(text || '');
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  }
  function over(top, under) {
    const a = top.a;
    return {r: top.r * a + under.r * (1 - a), g: top.g * a + under.g * (1 - a),
            b: top.b * a + under.b * (1 - a), a: 1};
  }
  function luminance(c) {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function ratio(x, y) {
    const a = luminance(x), b = luminance(y);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  function css(c) { return 'rgb(' + Math.round(c.r) + ',' + Math.round(c.g) + ',' + Math.round(c.b) + ')'; }
  // The opaque colour behind an element, or null when an image or gradient is in the way.
  function backdrop(el) {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage && style.backgroundImage !== 'none') return null;
      const c = parseColour(style.backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let colour = {r: 255, g: 255, b: 255, a: 1};
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  }

  function annotateRenderedFacts() {
    const facts = {fields: 0, labels: 0, bgNoColour: 0};
    const textLike = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])' +
      ':not([type=image]):not([type=checkbox]):not([type=radio]):not([type=range]):not([type=color])' +
      ':not([type=file]),select,textarea';
    for (const field of document.querySelectorAll(textLike)) {
      if (facts.fields >= 100) break;
      if (field.disabled || !field.checkVisibility || !field.checkVisibility({visibilityProperty: true})) continue;
      const style = getComputedStyle(field);
      if (style.boxShadow !== 'none' || style.backgroundImage !== 'none') continue;
      const around = field.parentElement ? backdrop(field.parentElement) : null;
      if (!around) continue;
      const rect = field.getBoundingClientRect();
      if (rect.width < 8 || rect.height < 8) continue;
      let best = 1, shown = null;
      for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
        if (style['border' + side + 'Style'] === 'none' || parseFloat(style['border' + side + 'Width']) < 1) continue;
        const c = parseColour(style['border' + side + 'Color']);
        if (!c) continue;
        const r = ratio(over(c, around), around);
        if (r > best || !shown) { best = Math.max(best, r); shown = shown || over(c, around); }
      }
      const own = parseColour(style.backgroundColor);
      if (own && own.a > 0) {
        const r = ratio(over(own, around), around);
        if (r > best) { best = r; shown = over(own, around); }
      }
      field.setAttribute('data-ra-ui-contrast', best.toFixed(2));
      field.setAttribute('data-ra-ui-colours', (shown ? css(shown) : 'aucune bordure') + ' / ' + css(around));
      facts.fields++;
    }
    // Where the label text sits around its field (left-to-right labels only).
    for (const field of document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]),select,textarea')) {
      if (facts.labels >= 200) break;
      if (!field.checkVisibility || !field.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
      const labels = field.labels ? Array.from(field.labels) : [];
      if (labels.length !== 1) continue;
      const label = labels[0];
      if (getComputedStyle(label).direction !== 'ltr') continue;
      const f = field.getBoundingClientRect();
      if (f.width < 6 || f.height < 6) continue;
      const t = textBox(label, field);
      if (!t) continue;
      let pos = 'overlap';
      const rowOverlap = Math.min(t.bottom, f.bottom) - Math.max(t.top, f.top) > 0;
      const colOverlap = Math.min(t.right, f.right) - Math.max(t.left, f.left) > 0;
      if (t.left >= f.right - 1 && rowOverlap) pos = 'right';
      else if (t.right <= f.left + 1 && rowOverlap) pos = 'left';
      else if (t.top >= f.bottom - 1) pos = colOverlap || t.left <= f.left + 1 ? 'below' : 'below-aside';
      else if (t.bottom <= f.top + 1) pos = colOverlap || t.left <= f.left + 1 ? 'above' : 'above-aside';
      field.setAttribute('data-ra-label-pos', pos);
      facts.labels++;
    }
    // Text over a covering background image or gradient, with no background colour anywhere up.
    let seen = 0;
    for (const el of document.body ? document.body.getElementsByTagName('*') : []) {
      if (++seen > 6000) break;
      if (facts.bgNoColour >= 20) continue;
      if (!ownText(el)) continue;
      const style = getComputedStyle(el);
      if (style.backgroundImage === 'none') continue;
      const covering = /gradient\(/.test(style.backgroundImage) || !/no-repeat/.test(style.backgroundRepeat) ||
        /cover|100%/.test(style.backgroundSize);
      if (!covering) continue;
      let coloured = false;
      for (let node = el; node && !coloured; node = node.parentElement) {
        const c = parseColour(getComputedStyle(node).backgroundColor);
        coloured = !!(c && c.a > 0);
      }
      if (!coloured) { el.setAttribute('data-ra-bg-nocolor', '1'); facts.bgNoColour++; }
    }
    if (document.body && seen <= 6000) document.body.setAttribute('data-ra-bg-checked', 'all');
    facts.textOverImage = textBackgrounds();
    facts.headingLooks = headingLooks();
    return facts;
  }

  // --- short lines drawn like headings (9.1.3) ------------------------------------------------
  // data-ra-look="bold|big|bold big" on a <p> or <div> holding one short line of text (3 to 80
  // characters, no block inside) whose text is all at least 700 in weight, or whose font is
  // at least 18px and 1.2 times the size of the element right after it.
  function headingLooks() {
    const marks = [];
    let seen = 0;
    for (const el of document.body ? document.body.querySelectorAll('p, div') : []) {
      if (++seen > 5000 || marks.length >= 60) break;
      // the block test first: it stops at the first block inside, where textContent would
      // read the whole subtree of every wrapper <div>
      if (el.querySelector('p,div,ul,ol,dl,table,img,svg,input,select,textarea,button,h1,h2,h3,h4,h5,h6')) continue;
      const text = el.textContent.trim();
      if (text.length < 3 || text.length > 80) continue;
      if (!el.checkVisibility || !el.checkVisibility({visibilityProperty: true})) continue;
      let bold = true;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.data.trim() && (parseInt(getComputedStyle(node.parentElement).fontWeight, 10) || 400) < 700) { bold = false; break; }
      }
      let big = false;
      const next = el.nextElementSibling;
      if (next) {
        const size = parseFloat(getComputedStyle(el).fontSize), after = parseFloat(getComputedStyle(next).fontSize);
        big = size >= 18 && after > 0 && size >= 1.2 * after;
      }
      if (bold || big) marks.push([el, (bold ? 'bold' : '') + (bold && big ? ' ' : '') + (big ? 'big' : '')]);
    }
    for (const [el, look] of marks) el.setAttribute('data-ra-look', look);
    return marks.length;
  }

  // --- text over a background image or gradient (3.2) -----------------------------------
  // data-ra-text-bg="image|gradient" on elements whose own text sits over a covering
  // background image or gradient; data-ra-text-font="px,weight"; for a single linear
  // gradient that can be computed, data-ra-text-contrast="min,max" (the text colour against
  // the gradient's colour under the text's line boxes, sampled) and data-ra-text-colours;
  // data-ra-text-shadow="1" when the text has a shadow (a halo may give the contrast).
  function splitTop(text) {
    const parts = []; let depth = 0, start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (ch === ',' && depth === 0) { parts.push(text.slice(start, i).trim()); start = i + 1; }
    }
    parts.push(text.slice(start).trim());
    return parts;
  }
  function angleOf(arg, w, h) {
    const unit = /^(-?[\d.]+)(deg|turn|rad|grad)$/.exec(arg);
    if (unit) return parseFloat(unit[1]) * 360 / {deg: 360, turn: 1, rad: 2 * Math.PI, grad: 400}[unit[2]];
    const to = /^to\s+(.+)$/.exec(arg);
    if (!to) return null;
    const words = to[1].split(/\s+/);
    const dx = words.includes('right') ? 1 : words.includes('left') ? -1 : 0;
    const dy = words.includes('bottom') ? 1 : words.includes('top') ? -1 : 0;
    const x = dx && dy ? dx * h : dx, y = dx && dy ? dy * w : dy;
    return Math.atan2(x, -y) * 180 / Math.PI;
  }
  // The colour stops of a single linear-gradient() as {colour, at} (at in px along the line).
  function gradientOf(image, w, h) {
    const m = /^linear-gradient\((.*)\)$/.exec(image.trim());
    if (!m) return null;
    const args = splitTop(m[1]);
    let angle = 180;
    if (!/^rgba?\(/.test(args[0])) {
      angle = angleOf(args[0], w, h);
      if (angle === null) return null;
      args.shift();
    }
    const rad = angle * Math.PI / 180;
    const length = Math.abs(w * Math.sin(rad)) + Math.abs(h * Math.cos(rad));
    const stops = [];
    for (const arg of args) {
      const c = /^(rgba?\([^)]*\))\s*(.*)$/.exec(arg);
      if (!c) return null;  // interpolation hints, calc(), other colour spaces
      const colour = parseColour(c[1]);
      const positions = c[2] ? c[2].split(/\s+/) : [];
      if (!positions.length) stops.push({colour, at: null});
      for (const pos of positions) {
        const v = /^(-?[\d.]+)(%|px)$/.exec(pos);
        if (!v) return null;
        stops.push({colour, at: v[2] === '%' ? parseFloat(v[1]) / 100 * length : parseFloat(v[1])});
      }
    }
    if (stops.length < 2) return null;
    if (stops[0].at === null) stops[0].at = 0;
    if (stops[stops.length - 1].at === null) stops[stops.length - 1].at = length;
    for (let i = 1; i < stops.length; i++) {
      if (stops[i].at === null) {
        let j = i; while (stops[j].at === null) j++;
        const from = stops[i - 1].at, step = (stops[j].at - from) / (j - i + 1);
        for (let k = i; k < j; k++) stops[k].at = from + step * (k - i + 1);
      }
      stops[i].at = Math.max(stops[i].at, stops[i - 1].at);
    }
    return {stops, rad, length};
  }
  function colourAt(g, t) {
    const s = g.stops;
    if (t <= s[0].at) return s[0].colour;
    for (let i = 1; i < s.length; i++) {
      if (t <= s[i].at) {
        const a = s[i - 1].colour, b = s[i].colour;
        const f = s[i].at > s[i - 1].at ? (t - s[i - 1].at) / (s[i].at - s[i - 1].at) : 1;
        const alpha = a.a * (1 - f) + b.a * f;
        if (alpha <= 0) return {r: 0, g: 0, b: 0, a: 0};
        const mix = (k) => (a[k] * a.a * (1 - f) + b[k] * b.a * f) / alpha;
        return {r: mix('r'), g: mix('g'), b: mix('b'), a: alpha};
      }
    }
    return s[s.length - 1].colour;
  }
  // The nearest element up from `el` (itself included) with a background image, or null when
  // an opaque background colour comes first; memoised per element: siblings share ancestors.
  // The element whose background image (or gradient) lies under `el`'s text, whether some
  // node on the way is see-through (opacity, blending, filter) and the translucent colours
  // between them, top first; `memo` shares the walk between siblings.
  function imageLayer(el, memo) {
    const walked = [];
    let tail = {layer: null, veiled: false, veils: []};
    for (let node = el; node; node = node.parentElement) {
      if (memo.has(node)) { tail = memo.get(node); break; }
      const st = getComputedStyle(node);
      const veiled = parseFloat(st.opacity) < 1 || st.mixBlendMode !== 'normal' || st.filter !== 'none';
      if (st.backgroundImage && st.backgroundImage !== 'none') {
        tail = {layer: node, veiled, veils: []};
        memo.set(node, tail);
        break;
      }
      const c = parseColour(st.backgroundColor);
      if (c && c.a >= 1) { memo.set(node, tail); break; }
      walked.push({node, veiled, veil: c && c.a > 0 ? c : null});
    }
    for (let i = walked.length - 1; i >= 0; i--) {
      const step = walked[i];
      tail = {layer: tail.layer, veiled: step.veiled || tail.veiled,
              veils: step.veil ? [step.veil, ...tail.veils] : tail.veils};
      memo.set(step.node, tail);
    }
    return tail;
  }
  function textBackgrounds() {
    const marks = [];
    const memo = new Map();
    let seen = 0;
    for (const el of document.body ? document.body.getElementsByTagName('*') : []) {
      if (++seen > 6000 || marks.length >= 40) break;
      if (!ownText(el) || !el.checkVisibility || !el.checkVisibility({visibilityProperty: true})) continue;
      const {layer, veiled, veils} = imageLayer(el, memo);
      if (!layer) continue;
      const ls = getComputedStyle(layer);
      const isGradient = /gradient\(/.test(ls.backgroundImage);
      const covering = isGradient || !/no-repeat/.test(ls.backgroundRepeat) || /cover|100%/.test(ls.backgroundSize);
      if (!covering) continue;
      const style = getComputedStyle(el);
      const mark = {el, kind: isGradient ? 'gradient' : 'image',
                    font: Math.round(parseFloat(style.fontSize) * 10) / 10 + ',' + (parseInt(style.fontWeight, 10) || 400),
                    shadow: style.textShadow && style.textShadow !== 'none'};
      marks.push(mark);
      if (!isGradient || veiled || !/^\s*(auto|auto auto|100% 100%)\s*$/.test(ls.backgroundSize) ||
          ls.backgroundAttachment === 'fixed' || splitTop(ls.backgroundImage).length !== 1 ||
          /text/.test(ls.backgroundClip + ' ' + (ls.webkitBackgroundClip || ''))) continue;
      const box = layer.getBoundingClientRect();
      const left = box.left + parseFloat(ls.borderLeftWidth), top = box.top + parseFloat(ls.borderTopWidth);
      const w = box.width - parseFloat(ls.borderLeftWidth) - parseFloat(ls.borderRightWidth);
      const h = box.height - parseFloat(ls.borderTopWidth) - parseFloat(ls.borderBottomWidth);
      const g = w > 0 && h > 0 ? gradientOf(ls.backgroundImage, w, h) : null;
      if (!g) continue;
      let under = parseColour(ls.backgroundColor) || {r: 0, g: 0, b: 0, a: 0};
      const below = layer.parentElement ? backdrop(layer.parentElement) : {r: 255, g: 255, b: 255, a: 1};
      if (!below) continue;
      under = over(under, below);
      const fg = parseColour(style.color);
      if (!fg || fg.a === 0 || (style.webkitTextStrokeWidth && parseFloat(style.webkitTextStrokeWidth) > 0)) continue;
      const cx = left + w / 2, cy = top + h / 2, dx = Math.sin(g.rad), dy = -Math.cos(g.rad);
      let min = Infinity, max = 0, darkest = null, lightest = null, outside = false;
      for (const node of el.childNodes) {
        if (outside) break;
        if (node.nodeType !== 3 || !node.data.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width < 1 || r.height < 1) continue;
          if (r.left < left - 1 || r.top < top - 1 || r.right > left + w + 1 || r.bottom > top + h + 1) {
            min = Infinity; outside = true; break;  // the text spills out of the painted box
          }
          for (const fx of [0.02, 0.25, 0.5, 0.75, 0.98]) {
            for (const fy of [0.3, 0.5, 0.7]) {
              const x = r.left + r.width * fx, y = r.top + r.height * fy;
              const t = (x - cx) * dx + (y - cy) * dy + g.length / 2;
              let bg = over(colourAt(g, t), under);
              for (let v = veils.length - 1; v >= 0; v--) bg = over(veils[v], bg);
              const value = ratio(over(fg, bg), bg);
              if (value < min) { min = value; darkest = bg; }
              if (value > max) { max = value; lightest = bg; }
            }
          }
        }
      }
      if (min === Infinity || outside) continue;
      mark.contrast = min.toFixed(2) + ',' + max.toFixed(2);
      mark.colours = css(over(fg, darkest)) + ' / ' + css(darkest) + (max > min ? ' … ' + css(lightest) : '');
    }
    for (const m of marks) {
      m.el.setAttribute('data-ra-text-bg', m.kind);
      m.el.setAttribute('data-ra-text-font', m.font);
      if (m.shadow) m.el.setAttribute('data-ra-text-shadow', '1');
      if (m.contrast) {
        m.el.setAttribute('data-ra-text-contrast', m.contrast);
        m.el.setAttribute('data-ra-text-colours', m.colours);
      }
    }
    return marks.length;
  }
  function ownText(el) {
    for (const node of el.childNodes) {
      if (node.nodeType === 3 && node.data.trim()) return true;
    }
    return false;
  }
  // The box around a label's own text (the field inside a wrapping label left out).
  function textBox(label, field) {
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    let box = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || field.contains(node)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      box = box ? {left: Math.min(box.left, r.left), top: Math.min(box.top, r.top),
                   right: Math.max(box.right, r.right), bottom: Math.max(box.bottom, r.bottom)}
        : {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
    }
    return box;
  }

  // --- focus visibility ----------------------------------------------------------------------
  function markFocusCandidates() {
    const selector = 'a[href],button,input:not([type=hidden]),select,textarea,summary,[tabindex]';
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
      if (out.length >= 40) { out.capped = true; break; }
      if (el.tabIndex < 0 || el.disabled || el.closest('[inert]')) continue;
      if (!el.checkVisibility || !el.checkVisibility({visibilityProperty: true})) continue;
      el.setAttribute('data-ra-i', String(out.length));
      out.push(el);
    }
    return out;
  }
  function look(el) {
    const parts = [];
    const props = ['outlineStyle', 'outlineWidth', 'outlineColor', 'outlineOffset', 'boxShadow',
      'borderTopColor', 'borderBottomColor', 'borderLeftColor', 'borderRightColor', 'borderTopWidth',
      'borderBottomWidth', 'backgroundColor', 'backgroundImage', 'color', 'textDecorationLine',
      'textDecorationColor', 'textDecorationThickness', 'opacity', 'transform', 'filter', 'clip',
      'clipPath', 'fontWeight', 'fontSize', 'visibility'];
    const read = (node, pseudo) => {
      const s = getComputedStyle(node, pseudo);
      const noOutline = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0;
      for (const p of props) parts.push(noOutline && p.startsWith('outline') ? '' : s[p]);
      if (pseudo) parts.push(s.content);
    };
    read(el, null); read(el, '::before'); read(el, '::after');
    if (el.parentElement) read(el.parentElement, null);
    let n = 0;
    for (const child of el.children) { if (n++ >= 3) break; read(child, null); }
    const r = el.getBoundingClientRect();
    parts.push(r.left, r.top, r.width, r.height);
    return parts.join('|');
  }
  function probeFocus(elements) {
    const result = {none: new Set(), visible: new Set(), skipped: 0};
    if (!elements.length) return result;
    const previous = document.activeElement;
    const x = scrollX, y = scrollY;
    const freeze = document.createElement('style');
    freeze.textContent = '*,*::before,*::after{transition:none!important;animation-play-state:paused!important}';
    document.head.appendChild(freeze);
    const budget = performance.now() + 150;
    try {
      for (let i = 0; i < elements.length && performance.now() < budget; i++) {
        const el = elements[i];
        if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
        const before = look(el);
        el.focus({preventScroll: true, focusVisible: true});
        if (document.activeElement !== el) { result.skipped++; continue; }
        (look(el) === before ? result.none : result.visible).add(i);
        el.blur();
      }
    } finally {
      freeze.remove();
      if (previous && previous !== document.body && previous.focus) previous.focus({preventScroll: true});
      else if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
      scrollTo(x, y);
    }
    return result;
  }
}
