// The KBV set's point on advertising, against what `npm run build` ships: Anlage 31b BMV-Ä, § 5
// (Anforderungen an den Videodienstanbieter). docs/KBV.md maps every point to its tests.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIST = "dist/client";

/** Every file the deployment serves, as text (pages, scripts, styles, the headers file). */
function shipped(dir = DIST): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return shipped(path);
    if (!/\.(html|js|css|json|txt)$|_headers$/.test(entry.name)) return [];
    return [{ path, text: readFileSync(path, "utf8") }];
  });
}

/** Hosts of the common ad networks, trackers and analytics: none may be named by anything we ship. */
const TRACKERS = [
  "doubleclick.net",
  "googlesyndication.com",
  "googleadservices.com",
  "google-analytics.com",
  "googletagmanager.com",
  "adservice.google",
  "facebook.net",
  "connect.facebook",
  "hotjar.com",
  "segment.io",
  "segment.com",
  "mixpanel.com",
  "amplitude.com",
  "plausible.io",
  "matomo",
  "clarity.ms",
  "newrelic.com",
  "nr-data.net",
  "sentry.io",
  "intercom.io",
  "adnxs.com",
  "criteo",
  "taboola",
  "outbrain",
];

describe("Anlage 31b § 5 (Werbefreiheit)", () => {
  const files = shipped();

  it("ships no ad network, tracker or analytics host in any page, script or style", () => {
    expect(files.some((f) => f.path.endsWith("index.html"))).toBe(true);
    expect(files.filter((f) => f.path.endsWith(".js")).length).toBeGreaterThan(5);
    const named = files.flatMap((f) =>
      TRACKERS.filter((host) => f.text.toLowerCase().includes(host)).map((host) => `${f.path}: ${host}`),
    );
    expect(named).toEqual([]);
  });

  it("loads nothing from elsewhere: the page names no script, style, image or frame of another origin", () => {
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    const sources = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source, source).toMatch(/^\/(?!\/)/);
  });
});
