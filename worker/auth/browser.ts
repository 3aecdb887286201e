// The session list shows which browser a session is in. Only the family is kept, never the user agent:
// enough for a person to recognise their own devices, too little to fingerprint anyone.
const FAMILIES: [pattern: RegExp, family: string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  // Headless Chromium (automation, kiosks) says "HeadlessChrome/".
  [/\b(Headless)?Chrom(e|ium)\/|\bCriOS\//, "Chrome"],
  [/\bSafari\//, "Safari"],
];

export function browserFamily(userAgent: string | undefined): string {
  if (!userAgent) return "other";
  return FAMILIES.find(([pattern]) => pattern.test(userAgent))?.[1] ?? "other";
}
