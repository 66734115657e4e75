// Runs axe-core (loaded in rgaa-audit's isolated world, capture/world.py) with the RGAA
// rules and reduces its result inside the page, so only what the decisions need crosses to
// Python: the four result types, with nodes for violations and incomplete only.
// Each reported node carries `rect` [x, y, w, h], its box in document coordinates (CSS px),
// for evidence crops (null when it has no box).
async ({maxNodes, maxHtml}) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['RGAAv4']},
    resultTypes: ['violations', 'incomplete'],
    elementRef: true,
    iframes: false,  // frames are not read (a page with frames is partial); no wait on them
  });
  const rectOf = (node) => {
    const el = node.element;
    if (!el || !el.getBoundingClientRect) return null;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return null;
    return [Math.round(r.left + scrollX), Math.round(r.top + scrollY), Math.round(r.width),
            Math.round(r.height)];
  };
  const rgaaTags = (tags) => tags.filter((t) => t.startsWith('RGAA-'));
  // What color-contrast measured on a node: enough to route it to the RGAA test for its size.
  const contrastData = (node) => {
    const check = [...(node.any || []), ...(node.all || [])].find((c) => c.data && c.data.fontSize);
    if (!check) return null;
    const d = check.data;
    return {ratio: d.contrastRatio || null, fontSize: String(d.fontSize).slice(0, 40),
            fontWeight: String(d.fontWeight || ''), fg: d.fgColor || null, bg: d.bgColor || null,
            messageKey: d.messageKey || null};
  };
  const reduce = (rules, withNodes) => rules.map((rule) => ({
    id: rule.id,
    tags: rgaaTags(rule.tags),
    impact: rule.impact || null,
    help: (rule.help || '').slice(0, 300),
    nodes: withNodes ? rule.nodes.slice(0, maxNodes).map((node) => ({
      target: node.target.map((t) => Array.isArray(t) ? t.join(' ') : String(t)).join(' >>> '),
      html: (node.html || '').slice(0, maxHtml),
      summary: (node.failureSummary || '').slice(0, 600),
      rect: rectOf(node),
      ...(rule.id === 'color-contrast' ? {contrast: contrastData(node)} : {}),
    })) : [],
    node_count: rule.nodes.length,
  }));
  return {
    version: axe.version,
    violations: reduce(result.violations, true),
    incomplete: reduce(result.incomplete, true),
    passes: reduce(result.passes, false),
    inapplicable: reduce(result.inapplicable, false),
  };
}
