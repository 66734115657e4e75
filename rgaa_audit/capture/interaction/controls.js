// Scripted controls probe (7.3), run in rgaa-audit's world. One entry, `{op, i}`:
//  "look":  is candidate i a non-native element with a control's look or role? where is it,
//           can the keyboard reach it (tabIndex >= 0, or a focusable ancestor)?
//  "focus": scroll it into view and focus it (or its focusable ancestor); true when focused.
//  "watch": start counting DOM changes (attributes, children, text) anywhere in the page.
//  "take":  stop and return {changes, expanded} since "watch".
({op, i}) => {
  const state = (window.__raControls = window.__raControls || {});
  const el = i === undefined ? null : document.querySelector(`[data-ra-x="${i}"]`);
  const native = 'a[href],button,input,select,textarea,summary,label,option,area[href],details';
  const ownAttr = (name) => name === 'data-ra-x';
  const focusHost = (node) => {
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      if (n.tabIndex >= 0 && !n.hasAttribute('disabled')) return n;
      if (n === document.body) break;
    }
    return null;
  };
  if (op === 'look') {
    if (!el || el.closest(native) || el === document.body || el === document.documentElement) {
      return null;
    }
    const role = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
    const controlRole = /^(button|link|tab|menuitem|menuitemcheckbox|menuitemradio|option|checkbox|radio|switch|treeitem|combobox|slider)$/.test(role);
    const style = getComputedStyle(el);
    if (!controlRole && style.cursor !== 'pointer') return null;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || style.visibility === 'hidden') return null;
    const inner = el.querySelector('[tabindex]:not([tabindex^="-"]),a[href],button,input,select,textarea');
    const host = focusHost(el);
    return {
      tag: el.tagName.toLowerCase(), role: role.slice(0, 40),
      text: (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80),
      html: el.outerHTML.replace(/ data-ra-x="\d+"/g, '').slice(0, 300),
      tabindex: el.tabIndex, reachable: !!host || !!inner,
      inline: [...el.attributes].some((a) => /^on(click|mousedown|mouseup|pointerdown|pointerup)$/.test(a.name)),
    };
  }
  if (op === 'focus') {
    if (!el) return false;
    el.scrollIntoView({block: 'center', inline: 'center'});
    const host = focusHost(el) || el;
    host.focus({preventScroll: true});
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return {focused: document.activeElement === host && host.tabIndex >= 0,
            x, y, hit: !!hit && (el === hit || el.contains(hit) || hit.contains(el))};
  }
  if (op === 'watch') {
    state.changes = 0; state.expanded = false;
    if (state.observer) state.observer.disconnect();
    state.observer = new MutationObserver((records) => {
      for (const m of records) {
        if (m.type === 'attributes' && ownAttr(m.attributeName)) continue;
        state.changes++;
        if (m.attributeName === 'aria-expanded') state.expanded = true;
      }
    });
    state.observer.observe(document.documentElement, {attributes: true, childList: true,
                                                      characterData: true, subtree: true});
    return true;
  }
  if (op === 'take') {
    if (state.observer) {
      for (const m of state.observer.takeRecords()) {
        if (!(m.type === 'attributes' && ownAttr(m.attributeName))) state.changes++;
      }
      state.observer.disconnect(); state.observer = null;
    }
    return {changes: state.changes || 0, expanded: !!state.expanded};
  }
  return null;
}
