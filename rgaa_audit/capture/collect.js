// Runs in the page once axe-core is done. Gathers, in one call, what the own checks,
// the crawler and the eco figures need, and annotates the DOM before it is serialised:
//   data-ra-hidden="1"  on the topmost elements that are not rendered
//   data-ra-name / data-ra-role  Chromium's computed accessible name and role
// Returns a plain object; nothing here talks to the network.
(maxDomChars) => {
  const named = 'a[href],area,button,input,select,textarea,img,svg,iframe,frame,object,embed,' +
    'h1,h2,h3,h4,h5,h6,header,nav,main,footer,aside,form,table,fieldset,[role],[tabindex],' +
    '[aria-label],[aria-labelledby]';
  const hasComputed = 'computedName' in Element.prototype;
  let annotated = 0;
  const all = document.getElementsByTagName('*');
  for (const el of all) {
    if (annotated > 20000) break;
    const parent = el.parentElement;
    const tag = el.localName;
    if (tag === 'head' || (parent && parent.localName === 'head') || tag === 'script' || tag === 'style') continue;
    if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true}) &&
        (!parent || parent.checkVisibility({visibilityProperty: true}))) {
      el.setAttribute('data-ra-hidden', '1');
      annotated++;
    }
    if (hasComputed && el.matches(named)) {
      const name = el.computedName;
      const role = el.computedRole;
      if (name !== undefined && name !== null) el.setAttribute('data-ra-name', String(name).slice(0, 500));
      if (role) el.setAttribute('data-ra-role', String(role));
      annotated++;
    }
  }
  // EcoIndex counts every element except the descendants of <svg>.
  let domElements = 0;
  for (const el of all) {
    if (!el.closest('svg') || el.localName === 'svg') domElements++;
  }
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
  let dom = document.documentElement.outerHTML;
  const truncated = dom.length > maxDomChars;
  if (truncated) dom = dom.slice(0, maxDomChars);
  return {
    title: document.title,
    doctype,
    dom: (doctype ? doctype + '\n' : '') + dom,
    domTruncated: truncated,
    domElements,
    links,
    annotated: hasComputed,
    frames: document.querySelectorAll('iframe, frame').length,
    viewport: {width: innerWidth, height: innerHeight},
    scrollHeight: document.documentElement.scrollHeight,
  };
}
