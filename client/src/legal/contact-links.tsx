// The operator's contact and its data protection officer as configured: free text ("Dr. Daten Schutz,
// dpo@example.org, +49 30 1234567"), in which what looks like an e-mail address or a phone number becomes a
// mailto: or tel: link, and the rest stays plain text. A simple match, not a parser: anything unusual is
// left as text, which the reader can still copy.
import { For } from "solid-js";

/** An e-mail address, or a phone number that starts with + or 0 (a postal code such as 10115 does not). */
const CONTACT = /([^\s@,;:<>()"]+@[^\s@,;:<>()"]+\.[A-Za-z]{2,})|((?:\+|\b0)\d[\d ()/.-]{4,}\d)/g;

export type ContactPart = string | { text: string; href: string };

/** The text cut into plain parts and links, in order. */
export function contactParts(text: string): ContactPart[] {
  const parts: ContactPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CONTACT)) {
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    const [found, email] = match;
    parts.push({ text: found, href: email ? `mailto:${email}` : `tel:${found.replace(/[^\d+]/g, "")}` });
    last = start + found.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function ContactText(props: { text: string }) {
  return (
    <For each={contactParts(props.text)}>
      {(part) => (typeof part === "string" ? part : <a href={part.href}>{part.text}</a>)}
    </For>
  );
}
