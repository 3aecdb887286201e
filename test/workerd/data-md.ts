// Reads docs/DATA.md's tables: the names of the fields it lists, section by section. Shared by the data
// inventory (D1 against the schema) and the privacy notice's table (client/src/legal/stored-data.ts).

/** What DATA.md lists where: D1 columns, Durable Object memory and storage, and what the browser keeps. */
export interface DocumentedFields {
  /** `table.column`, with the row's why and kept. */
  d1: { field: string; why: string; kept: string }[];
  /** `Object: field`, as the memory table's first two cells say it. */
  memory: string[];
  /** `Object: key`, one per key in backticks before the arrow (a row may name two). */
  storage: string[];
  /** The cookie's or storage item's name, in backticks in the "where" cell. */
  browser: string[];
}

/** The text under a `## ` heading that starts with `title`, up to the next one. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}`);
  if (start < 0) throw new Error(`docs/DATA.md has no section "${title}"`);
  const rest = markdown.slice(start + 1);
  const end = rest.indexOf("\n## ", 1);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The body rows of every table in `text` (header and separator dropped), as trimmed cells. */
function tableRows(text: string): string[][] {
  const rows: string[][] = [];
  let inTable = false;
  let line = 0;
  for (const raw of text.split("\n")) {
    if (!raw.startsWith("|")) {
      inTable = false;
      continue;
    }
    line = inTable ? line + 1 : 0;
    inTable = true;
    // Line 0 is the header, line 1 the |---| separator.
    if (line < 2) continue;
    rows.push(
      raw
        .slice(1, raw.endsWith("|") ? -1 : undefined)
        .split(" | ")
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const backticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);

export function documentedFields(markdown: string): DocumentedFields {
  const d1 = tableRows(section(markdown, "D1")).flatMap(([field = "", why = "", kept = ""]) => {
    const name = /^`([a-z_]+\.[a-z_]+)`$/.exec(field)?.[1];
    return name ? [{ field: name, why, kept }] : [];
  });
  const memory = tableRows(section(markdown, "Durable Object memory")).map(
    ([object = "", field = ""]) => `${object}: ${field}`,
  );
  // A key cell names its keys in backticks before an arrow; one cell may hold two ("`a` and `b` → …",
  // or "`mail:…` → …; `sms:…` → …").
  const storage = tableRows(section(markdown, "Durable Object storage")).flatMap(([object = "", key = ""]) =>
    key
      .split("; ")
      .filter((part) => part.includes("→"))
      .flatMap((part) => backticked(part.split("→")[0]!))
      .map((name) => `${object}: ${name}`),
  );
  const browser = tableRows(section(markdown, "In the browser")).map(([where = ""]) => backticked(where)[0] ?? where);
  return { d1, memory, storage, browser };
}

/** Every field DATA.md lists, in one set of names (D1's `table.column` and the other sections' names). */
export function allDocumentedFields(markdown: string): string[] {
  const { d1, memory, storage, browser } = documentedFields(markdown);
  return [...d1.map((row) => row.field), ...memory, ...storage, ...browser].sort();
}
