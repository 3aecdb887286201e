// One layout for every mail: a greeting, paragraphs, at most one link (an <a> in the HTML and the bare
// URL in the text), a footer. Inline styles only; no images, no tracking.
import type { Language } from "../../schema/tables.ts";
import type { Mail } from "./mailer.ts";

export interface MailContent {
  to: string;
  subject: string;
  /** Plain sentences; HTML-escaped here. */
  paragraphs: string[];
  link?: { url: string; label: string };
  /** A last line, e.g. "If you did not ask for this, ignore this mail." */
  footnote?: string;
  language: Language;
}

/** Text safe to place in HTML, also inside a double-quoted attribute. */
export const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const signature: Record<Language, string> = { de: "Ihr Anteroom", en: "Anteroom" };

export function compose(content: MailContent): Mail {
  const { paragraphs, link, footnote, language } = content;
  const text = [
    ...paragraphs,
    ...(link ? [`${link.label}:\n${link.url}`] : []),
    ...(footnote ? [footnote] : []),
    `— ${signature[language]}`,
  ].join("\n\n");
  const html = [
    `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5;max-width:36em">`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(link
      ? [
          `<p><a href="${escapeHtml(link.url)}" style="font-weight:bold">${escapeHtml(link.label)}</a></p>`,
          `<p style="font-size:small;word-break:break-all">${escapeHtml(link.url)}</p>`,
        ]
      : []),
    ...(footnote ? [`<p style="font-size:small;color:#555">${escapeHtml(footnote)}</p>`] : []),
    `<p>— ${escapeHtml(signature[language])}</p>`,
    "</body></html>",
  ].join("\n");
  return { to: content.to, subject: content.subject, text, html };
}
