// Reading server-rendered markup in render tests: the elements with a `data-testid`, with their
// attributes, their markup and their text, as a test in a browser would find them by hook.

export interface Found {
  readonly attributes: Readonly<Record<string, string>>;
  /** The element's own markup, its children included. */
  readonly outer: string;
  /** Its text as a person reads it: tags and Solid's markers gone, spaces collapsed. */
  readonly text: string;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^>]*)?)>/g;

function attributesOf(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, value] of source.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
    if (name) attributes[name] = decode(value ?? "");
  }
  return attributes;
}

const decode = (text: string) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

const textOf = (markup: string) =>
  decode(markup.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();

/** Every element with this hook, in document order. */
export function findAll(html: string, testid: string): Found[] {
  const found: Found[] = [];
  for (const open of html.matchAll(TAG)) {
    const [whole, closing, name, source] = open;
    if (closing || !name || !source) continue;
    const attributes = attributesOf(source);
    if (attributes["data-testid"] !== testid) continue;
    // Walk on to the matching close of the same element (matchAll starts at the pattern's lastIndex).
    const scan = new RegExp(TAG.source, "g");
    scan.lastIndex = open.index + whole.length;
    let depth = 1;
    let end = html.length;
    for (const next of html.matchAll(scan)) {
      if (next[2] !== name) continue;
      depth += next[1] ? -1 : 1;
      if (depth === 0) {
        end = next.index + next[0].length;
        break;
      }
    }
    const outer = html.slice(open.index, end);
    found.push({ attributes, outer, text: textOf(outer) });
  }
  return found;
}

/** The one element with this hook; throws when there is none or more than one. */
export function findOne(html: string, testid: string): Found {
  const all = findAll(html, testid);
  if (all.length !== 1) throw new Error(`expected one ${testid}, found ${all.length}`);
  return all[0] as Found;
}
