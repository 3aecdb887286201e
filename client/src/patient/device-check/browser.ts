// Which browser's permission box the patient is looking at, so the hint can say where "Allow" is.
// Read from the user agent in the page only; it is never sent anywhere.

export type BrowserFamily = "chromium" | "firefox" | "safari" | "mobile";

/** Touch points the device reports; 0 where there is no navigator (tests, workers). */
function touchPoints(): number {
  return typeof navigator === "undefined" ? 0 : (navigator.maxTouchPoints ?? 0);
}

export function browserFamily(userAgent: string, maxTouchPoints: number = touchPoints()): BrowserFamily {
  if (/Android|iPhone|iPad|Mobile/i.test(userAgent)) return "mobile";
  // iPadOS Safari asks for desktop sites and says "Macintosh"; a Mac has no touch screen, so touch
  // points tell the iPad apart. It has no Safari settings menu: its permissions are mobile Safari's.
  if (/Macintosh/.test(userAgent) && maxTouchPoints > 1) return "mobile";
  if (/Firefox\//.test(userAgent)) return "firefox";
  if (/Chrome\/|Chromium\/|Edg\//.test(userAgent)) return "chromium";
  if (/Safari\//.test(userAgent)) return "safari";
  return "chromium";
}
