// Runs axe-core (already injected) with the RGAA rules and reduces its result inside the
// page, so only what the decisions need crosses to Python: all four result types kept.
async ({maxNodes, maxHtml}) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['RGAAv4']},
    resultTypes: ['violations', 'incomplete'],
  });
  const rgaaTags = (tags) => tags.filter((t) => t.startsWith('RGAA-'));
  const reduce = (rules, withNodes) => rules.map((rule) => ({
    id: rule.id,
    tags: rgaaTags(rule.tags),
    impact: rule.impact || null,
    help: (rule.help || '').slice(0, 300),
    nodes: withNodes ? rule.nodes.slice(0, maxNodes).map((node) => ({
      target: node.target.map((t) => Array.isArray(t) ? t.join(' ') : String(t)).join(' >>> '),
      html: (node.html || '').slice(0, maxHtml),
      summary: (node.failureSummary || '').slice(0, 600),
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
