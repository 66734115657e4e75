// Motion probe (13.8, 13.7): the running animations of the untouched page and a short watch of
// what changes in the DOM without user action. Bounded: at most 60 animations, 40 changes,
// strings cut. Returns {animations, changes, watched_ms, complete}.
async (options) => {
  const watchMs = Math.max(0, Math.min((options && options.watch_ms) || 0, 2000));
  const cut = (s, n) => String(s == null ? '' : s).replace(/\s+/g, ' ').trim().slice(0, n);
  const describe = (el) => {
    if (!el || el.nodeType !== 1) return null;
    const index = el.getAttribute('data-ra-x');
    return {x: index === null ? null : Number(index), tag: el.tagName.toLowerCase(),
            text: cut(el.textContent, 80)};
  };
  const moving = /^(transform|translate|rotate|scale|left|right|top|bottom|margin|offset|background-position|scroll)/;
  const blinking = /^(opacity|visibility|color|background-color|display)$/;
  const animations = [];
  for (const animation of (document.getAnimations ? document.getAnimations() : [])) {
    if (animations.length >= 60) break;
    if (animation.playState !== 'running') continue;
    const effect = animation.effect;
    if (!effect || !effect.getComputedTiming) continue;
    const timing = effect.getComputedTiming();
    const iterations = timing.iterations;
    const duration = Number(timing.duration) || 0;
    const total = iterations === Infinity ? null : duration * iterations;
    const properties = new Set();
    try {
      for (const frame of effect.getKeyframes()) {
        for (const key of Object.keys(frame)) {
          if (!['offset', 'computedOffset', 'easing', 'composite'].includes(key)) {
            properties.add(key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()));
          }
        }
      }
    } catch (e) { /* keyframes unreadable */ }
    const props = [...properties].slice(0, 12);
    animations.push({
      target: describe(effect.target),
      kind: animation.constructor.name === 'CSSTransition' ? 'transition'
        : animation.constructor.name === 'CSSAnimation' ? 'css-animation' : 'web-animation',
      name: cut(animation.animationName || animation.transitionProperty || animation.id, 60),
      duration_ms: Math.round(duration), infinite: iterations === Infinity,
      total_ms: total === null ? null : Math.round(total),
      properties: props,
      moves: props.some((p) => moving.test(p)),
      blinks: props.some((p) => blinking.test(p)),
    });
  }
  const changes = [];
  let count = 0;
  if (watchMs > 0 && document.body) {
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        count++;
        if (changes.length >= 40) continue;
        const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
        if (!node || node.closest('script,style')) continue;
        if (record.type === 'attributes' && record.attributeName === 'data-ra-x') continue;
        changes.push({type: record.type, attribute: cut(record.attributeName, 40),
                      element: describe(node)});
      }
    });
    observer.observe(document.body, {subtree: true, childList: true, characterData: true,
                                     attributes: true, attributeFilter: ['class', 'style', 'hidden', 'src']});
    await new Promise((resolve) => setTimeout(resolve, watchMs));
    observer.takeRecords();
    observer.disconnect();
  }
  return {animations, changes, mutations: count, watched_ms: watchMs,
          marquees: document.querySelectorAll('marquee').length};
}
