/**
 * The Intl locale for the page's language with the person's region: the first of their browser's
 * languages that is in the chosen language (en-GB writes dates unlike en-US), else the language itself.
 */
export function pickLocale(chosen: string, preferred: readonly string[]): string {
  return preferred.find((tag) => tag.toLowerCase().split("-")[0] === chosen) ?? chosen;
}
