// Accessibility checks with axe-core on whatever screen a page shows, in Chromium (playwright-core)
// and Firefox (puppeteer-core). axe's source is injected into the page: nothing is fetched.
import axe from "axe-core";

/** WCAG 2.0 A and AA, 2.1 AA and 2.2 AA: every rule tagged with one of these runs. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] as const;

/** What both playwright's and puppeteer's Page offer: evaluate an expression, awaiting a promise. */
export interface Evaluates {
  evaluate(expression: string): Promise<unknown>;
}

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string; summary: string }[];
}

const options = JSON.stringify({ runOnly: { type: "tag", values: AXE_TAGS }, resultTypes: ["violations"] });

// Injected once per document (a single-page app keeps its document across screens), then run on the
// whole document. Only plain data comes back.
const audit = `(async () => {
  if (typeof window.axe === "undefined") {
    ${axe.source}
  }
  const results = await window.axe.run(document, ${options});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary ?? "" })),
  }));
})()`;

/** The violations axe finds on the page as it is now. */
export async function axeViolations(page: Evaluates): Promise<Violation[]> {
  return (await page.evaluate(audit)) as Violation[];
}

export function formatViolations(screen: string, violations: Violation[]): string {
  const lines = [`axe (${AXE_TAGS.join(", ")}): ${violations.length} rule(s) violated on screen "${screen}":`];
  for (const v of violations) {
    lines.push(`  - ${v.id} (${v.impact ?? "no impact given"}): ${v.help}`);
    for (const node of v.nodes) {
      lines.push(`      at ${node.target.map((t) => JSON.stringify(t)).join(" >>> ")}  ${node.html.slice(0, 160)}`);
      for (const line of node.summary.split("\n").filter(Boolean)) lines.push(`        ${line.trim()}`);
    }
  }
  return lines.join("\n");
}

/** Fails, naming the screen, every rule, its impact and the offending elements, if axe finds any violation. */
export async function expectAccessible(page: Evaluates, screen: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) throw new Error(formatViolations(screen, violations));
}
