// Which browser's permission box the patient is looking at, so the hint can say where "Allow" is.
// Read from the user agent in the page only; it is never sent anywhere.

export type BrowserFamily = "chromium" | "firefox" | "safari" | "mobile";

export function browserFamily(userAgent: string): BrowserFamily {
  if (/Android|iPhone|iPad|Mobile/i.test(userAgent)) return "mobile";
  if (/Firefox\//.test(userAgent)) return "firefox";
  if (/Chrome\/|Chromium\/|Edg\//.test(userAgent)) return "chromium";
  if (/Safari\//.test(userAgent)) return "safari";
  return "chromium";
}
