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

/**
 * Words of English that no German screen of ours contains (none of them is also a German word), matched
 * whole, in any case.
 */
const ENGLISH_ONLY_WORDS = [
  "the",
  "your",
  "you",
  "please",
  "and",
  "with",
  "this",
  "are",
  "have",
  "been",
  "from",
  "which",
];

// The text a person reads on the page (hidden parts and form fields' values excluded), leaving out what
// says it is in another language (`lang` on an element: the footer's other half, a text in both
// languages) and what people typed themselves (chat, names, appointment titles, marked translate="no":
// the tests' words, not ours).
const visibleGermanText = `(() => {
  if (document.documentElement.lang !== "de") return null;
  const copy = document.body.cloneNode(true);
  const original = [...document.body.querySelectorAll("*")];
  const copied = [...copy.querySelectorAll("*")];
  copied.forEach((element, index) => {
    const source = original[index];
    const style = getComputedStyle(source);
    const foreign = element.hasAttribute("lang") && !element.getAttribute("lang").startsWith("de");
    const typed = source.matches("[translate='no'], [translate='no'] *, [data-testid$='-name'], [data-testid='chat-message'] *, input, textarea, script, style");
    if (foreign || typed || style.display === "none" || style.visibility === "hidden") element.replaceChildren();
  });
  return copy.textContent;
})()`;

/** English words on a German screen: a text that was never translated, or a key missing in German. */
export async function englishOnGermanScreen(page: Evaluates): Promise<string[]> {
  const text = (await page.evaluate(visibleGermanText)) as string | null;
  if (text === null) return [];
  const words = new Set(text.toLowerCase().split(/[^a-zäöüß]+/));
  return ENGLISH_ONLY_WORDS.filter((word) => words.has(word)).map((word) => {
    // Where it stands, so the failure names the untranslated text.
    const at = text.search(new RegExp(`(^|[^A-Za-zÄÖÜäöüß])${word}($|[^A-Za-zÄÖÜäöüß])`, "i"));
    return `"${word}" in …${text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, " ")}…`;
  });
}

/**
 * Fails, naming the screen, every rule, its impact and the offending elements, if axe finds any violation;
 * and, on a German screen, if it shows English.
 */
export async function expectAccessible(page: Evaluates, screen: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) throw new Error(formatViolations(screen, violations));
  const english = await englishOnGermanScreen(page);
  if (english.length > 0) throw new Error(`German screen "${screen}" shows English: ${english.join("; ")}`);
}
