// The words a provider's device key is listed under on the account page: browser family and system from
// the browser's own user agent string, worded on the page, so the server never receives the string itself.
import { describe, expect, it } from "vitest";
import { deviceLabel } from "../../client/src/provider/device-key/label.ts";
import { MAX_DEVICE_LABEL_LENGTH } from "../../schema/api-device-keys.ts";

const agents: Record<string, string> = {
  "Firefox on Linux": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  "Firefox on Windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Chrome on Android":
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
  "Chrome on ChromeOS":
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "Chrome on iPhone":
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
  "Safari on iPhone":
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
  "Safari on iPad":
    "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
  "Safari on macOS":
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
  "Edge on Windows":
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
  "Opera on Windows":
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
  "Samsung Internet on Android":
    "Mozilla/5.0 (Linux; Android 13; SM-S901B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
};

describe("a device key's label", () => {
  it("names the browser family and the system the way a person says them", () => {
    for (const [label, agent] of Object.entries(agents)) expect(deviceLabel(agent), agent).toBe(label);
  });

  it("tells nothing more of the machine: no versions, no models, within what the server accepts", () => {
    for (const agent of Object.values(agents)) {
      const label = deviceLabel(agent);
      expect(label).toMatch(/^[A-Za-z ]+$/);
      expect(label.length).toBeLessThanOrEqual(MAX_DEVICE_LABEL_LENGTH);
      expect(label).not.toContain("SM-S901B");
    }
  });

  it("says Chrome for Chromium without a window (automated), not Safari, whose name it also carries", () => {
    const headless =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";
    expect(deviceLabel(headless)).toBe("Chrome on Linux");
  });

  it("says just “Browser” for what it does not recognise, and never leaves the label empty", () => {
    expect(deviceLabel("")).toBe("Browser");
    expect(deviceLabel("curl/8.5.0")).toBe("Browser");
    expect(deviceLabel("SomeBrowser/1.0 (Windows NT 10.0)")).toBe("Browser on Windows");
  });
});
