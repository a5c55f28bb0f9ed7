"""axe-core in a Playwright page: inject the engine that `make test-e2e` installs into
tests/e2e/node_modules (npm ci, pinned by tests/e2e/package-lock.json) and return its findings.

Only the WCAG 2.0/2.1 level A and AA rules run (the issue's bar). The script is read from disk,
never fetched, so a page under test still loads nothing from elsewhere.

axe leaves text on a gradient as "incomplete" (it cannot tell the background colour); such text
is measured here against every colour stop of the gradient and reported as a violation of its own
(`color-contrast-gradient`, serious) when any stop falls short of 4.5:1 (3:1 for large text).
"""

from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

# Relative luminance and contrast ratio as WCAG 2.1 defines them; shared by the gradient check
# here and the focus-indicator check of the keyboard tests (window.a11yContrast).
CONTRAST_JS = """
window.a11yParseColours = (text) => [...text.matchAll(/rgba?\\(([^)]+)\\)/g)].map((m) => {
  const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
});
window.a11yLuminance = (c) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
};
window.a11yContrast = (x, y) => {
  const [hi, lo] = [a11yLuminance(x), a11yLuminance(y)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
};
// The colour an element's box shows behind its content: the first opaque background up the tree.
window.a11yBackground = (el) => {
  for (let up = el; up && up.nodeType === 1; up = up.parentElement) {
    const [c] = a11yParseColours(getComputedStyle(up).backgroundColor);
    if (c && c.a > 0.5) return c;
  }
  return {r: 255, g: 255, b: 255, a: 1};
};
"""

RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete']});
  const out = result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary || ''})),
  }));
  const gradient = {id: 'color-contrast-gradient', impact: 'serious',
                    help: 'Text on a gradient must meet 4.5:1 (3:1 large) against every colour stop', nodes: []};
  for (const item of result.incomplete.filter((i) => i.id === 'color-contrast')) {
    for (const node of item.nodes) {
      const check = node.any.find((c) => c.id === 'color-contrast');
      if (!check || !check.data || check.data.messageKey !== 'bgGradient') continue;
      const el = document.querySelector(node.target[0]);
      if (!el) continue;
      const style = getComputedStyle(el);
      const [fg] = a11yParseColours(style.color);
      let stops = [];
      for (let up = el; up && up.nodeType === 1 && !stops.length; up = up.parentElement) {
        const image = getComputedStyle(up).backgroundImage;
        if (image.includes('gradient')) stops = a11yParseColours(image);
      }
      const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const worst = Math.min(...stops.map((stop) => a11yContrast(fg, stop)));
      if (!stops.length || worst < needed) {
        gradient.nodes.push({target: node.target.join(' '),
          summary: stops.length ? `lowest contrast ${worst.toFixed(2)} < ${needed}` : 'no gradient stops found'});
      }
    }
  }
  if (gradient.nodes.length) out.push(gradient);
  return out;
}"""


def install(page):
    """Put axe and the contrast helpers into the page as it is now. A page with a Content Security
    Policy needs a context made with bypass_csp=True (axe arrives as an inline script)."""
    if not AXE_JS.exists():
        raise FileNotFoundError(
            f"{AXE_JS} is missing: run `make test-e2e` (it runs npm ci --prefix tests/e2e)"
        )
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    page.evaluate("() => {" + CONTRAST_JS + "}")


def violations(page):
    """axe's WCAG 2.1 A/AA violations on the page as it is now: a list of dicts with id, impact,
    help and nodes (each a CSS target and axe's failure summary)."""
    install(page)
    return page.evaluate(RUN, WCAG_TAGS)


def describe(where, found):
    """One line per violation and up to three offending nodes each, for a failure message."""
    lines = []
    for violation in found:
        lines.append(f"{where}: [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:3]:
            summary = " ".join(node["summary"].split())[:240]
            lines.append(f"    {node['target']} — {summary}")
        if len(violation["nodes"]) > 3:
            lines.append(f"    … and {len(violation['nodes']) - 3} more")
    return lines
