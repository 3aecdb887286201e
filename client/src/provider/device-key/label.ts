// The words a device's key is registered under ("Firefox on Linux"): worded here from the browser's own
// user agent string, coarsely (browser family and system, no versions), so the server never receives the
// string itself, which with its versions and build numbers tells far more about a person's machine.

/** Browser families, most specific first: Edge, Opera and Samsung Internet also say "Chrome" and "Safari". */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  // "HeadlessChrome/" too (automated Chromium), hence no word boundary before "Chrome".
  [/Chrome\/|\bCriOS\/|\bChromium\//, "Chrome"],
  [/\bSafari\//, "Safari"],
];

/** Systems, most specific first: Android says "Linux", an iPhone says "like Mac OS X". */
const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

const first = (table: readonly (readonly [RegExp, string])[], userAgent: string) =>
  table.find(([pattern]) => pattern.test(userAgent))?.[1];

/** "Firefox on Linux", "Safari on iPhone"; "Browser" or "Browser on Windows" where a part is unknown. */
export function deviceLabel(userAgent: string): string {
  const browser = first(BROWSERS, userAgent) ?? "Browser";
  const system = first(SYSTEMS, userAgent);
  return system ? `${browser} on ${system}` : browser;
}
