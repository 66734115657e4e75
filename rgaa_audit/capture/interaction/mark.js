// Gives interaction candidates a `data-ra-x` index before the DOM is serialised (see
// capture/interaction/__init__.py). A candidate is anything a keyboard or a pointer might act
// on or reveal: focusable elements, elements with inline event handlers, a widget role, a
// pointer cursor or a title, elements named by :hover / :focus style rules, and elements that
// move (CSS animations and transitions, marquee, blink). Bounded by `max`; open shadow roots
// are walked. Probes add kinds of their own in `mark-<probe>.js` files: each is one function
// `(add, marked) => {...}` (add(element, kind); marked: Map element -> index) that the runner
// puts in place of /*EXTRAS*/ below. Returns {count, capped, kinds: {N: [kind, ...]}}.
(options) => {
  const max = (options && options.max) || 800;
  const kinds = {};
  let count = 0, capped = false;
  const marked = new Map();
  const add = (el, kind) => {
    if (!el || el.nodeType !== 1) return;
    let index = marked.get(el);
    if (index === undefined) {
      if (count >= max) { capped = true; return; }
      index = count++;
      marked.set(el, index);
      el.setAttribute('data-ra-x', String(index));
      kinds[index] = [];
    }
    if (!kinds[index].includes(kind)) kinds[index].push(kind);
  };
  const focusable = 'a[href],area[href],button,input:not([type=hidden]),select,textarea,summary,' +
    'iframe,[tabindex],[contenteditable]:not([contenteditable=false]),audio[controls],video[controls]';
  const widget = /^(button|link|menuitem|menuitemcheckbox|menuitemradio|tab|checkbox|radio|switch|option|slider|spinbutton|combobox|treeitem|gridcell|menu|menubar|tablist|listbox|tooltip|dialog)$/;
  const handlers = ['onclick', 'onmousedown', 'onmouseup', 'onmouseover', 'onmouseenter',
    'onkeydown', 'onkeyup', 'onkeypress', 'onfocus', 'ontouchstart', 'onpointerdown'];
  const roots = [document];
  const hoverSelectors = [];
  // Style rules that react to :hover / :focus / :focus-within: their subject, the part before
  // the pseudo-class, names a trigger.
  const readRules = (rules, depth) => {
    if (!rules || depth > 4) return;
    for (const rule of rules) {
      if (hoverSelectors.length > 300) return;
      if (rule.cssRules && !rule.selectorText) { readRules(rule.cssRules, depth + 1); continue; }
      const text = rule.selectorText;
      if (!text || !/:(hover|focus|focus-within)\b/.test(text)) continue;
      for (const part of text.split(',')) {
        const m = part.match(/^(.*?):(hover|focus-within|focus)\b/);
        if (!m) continue;
        const subject = m[1].trim().replace(/[>+~]\s*$/, '').trim();
        hoverSelectors.push(subject || '*');
      }
    }
  };
  for (let r = 0; r < roots.length && r < 50; r++) {
    const root = roots[r];
    const sheets = root.styleSheets || (root.adoptedStyleSheets ? [] : []);
    for (const sheet of [...(sheets || []), ...(root.adoptedStyleSheets || [])]) {
      try { readRules(sheet.cssRules, 0); } catch (e) { /* cross-origin sheet */ }
    }
    const all = root.querySelectorAll('*');
    for (let i = 0; i < all.length && i < 60000; i++) {
      const el = all[i];
      if (el.shadowRoot) roots.push(el.shadowRoot);
      if (el.matches(focusable)) add(el, 'focusable');
      const role = el.getAttribute('role');
      if (role && widget.test(role.trim().split(/\s+/)[0])) add(el, 'widget');
      for (const h of handlers) if (el.hasAttribute(h)) { add(el, 'handler'); break; }
      if (el.hasAttribute('title') && el.tagName !== 'IFRAME') add(el, 'title');
      if (el.tagName === 'MARQUEE' || el.tagName === 'BLINK') add(el, 'moving');
    }
    for (const selector of hoverSelectors.splice(0)) {
      if (selector === '*' || selector === 'html' || selector === 'body') continue;
      try {
        for (const el of root.querySelectorAll(selector)) add(el, 'hover-rule');
      } catch (e) { /* a selector this engine does not parse */ }
    }
  }
  if (document.getAnimations) {
    for (const animation of document.getAnimations()) {
      const target = animation.effect && animation.effect.target;
      if (target && target.nodeType === 1) add(target, 'animated');
    }
  }
  // Pointer cursors on elements without a native or ARIA control role: candidates for
  // scripted controls (7.3). Read last and bounded: computed style is the costly part.
  let looked = 0;
  for (const el of document.body ? document.body.getElementsByTagName('*') : []) {
    if (++looked > 4000) break;
    if (marked.has(el)) continue;
    if (getComputedStyle(el).cursor === 'pointer' &&
        !(el.parentElement && getComputedStyle(el.parentElement).cursor === 'pointer')) {
      add(el, 'pointer');
    }
  }
  for (const extra of [/*EXTRAS*/]) {
    try { extra(add, marked); } catch (e) { /* one probe's marks lost, not the others' */ }
  }
  return {count, capped, kinds};
}
