// WebKit, the engine of every browser on an iPhone, as Debian's WebKitGTK: its MiniBrowser on a virtual
// X display (it has no headless mode), driven over plain W3C WebDriver by WebKitWebDriver (it speaks no
// BiDi and no CDP, so neither playwright nor puppeteer). A small client over Node's fetch; every request
// and every wait is bounded, so a hung browser fails the test instead of the CI job.
import type { ChildProcess } from "node:child_process";
import { freePort, recentOutput, startProcess, stopProcess, waitForPort } from "./processes.ts";

const MINIBROWSER = process.env.WEBKIT_MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
/** The W3C name of an element reference in WebDriver answers. */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
/** The longest any single WebDriver command may take (a page load, axe on a full page on 2 cores). */
const COMMAND_TIMEOUT_MS = 60_000;

export interface WebKitElement {
  [ELEMENT]: string;
}

async function sleep(ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts Xvfb on a display it picks itself (-displayfd), and answers with that display's name. */
async function startXvfb(): Promise<{ process: ChildProcess; display: string }> {
  const xvfb = startProcess("Xvfb", ["-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"]);
  for (let attempt = 0; attempt < 200; attempt++) {
    if (xvfb.exitCode !== null) throw new Error(`Xvfb exited early:\n${recentOutput(xvfb)}`);
    const display = recentOutput(xvfb).match(/^(\d+)$/m)?.[1];
    if (display) return { process: xvfb, display: `:${display}` };
    await sleep(50);
  }
  stopProcess(xvfb);
  throw new Error(`Xvfb named no display within 10 s:\n${recentOutput(xvfb)}`);
}

/** An error a page threw or a promise it left rejected, as the collector below records it. */
export interface ScriptError {
  kind: "error" | "unhandledrejection";
  message: string;
}

// Installed after each navigation (WebDriver classic has no script that runs before a page's own): it
// sees what goes wrong from then on, while the app works. An error during the first load shows instead
// as a hook that never appears.
const installCollector = `
  if (!window.__scriptErrors) {
    window.__scriptErrors = [];
    window.addEventListener("error", (e) => window.__scriptErrors.push({ kind: "error", message: String(e.message) + " at " + e.filename + ":" + e.lineno }));
    window.addEventListener("unhandledrejection", (e) => window.__scriptErrors.push({ kind: "unhandledrejection", message: String(e.reason && (e.reason.stack || e.reason.message) || e.reason) }));
  }`;

export class WebKitSession {
  private readonly driverUrl: string;
  private readonly id: string;

  private constructor(driverUrl: string, id: string) {
    this.driverUrl = driverUrl;
    this.id = id;
  }

  /** A new MiniBrowser with mock camera and microphone, behind a WebDriver at `driverUrl`. */
  static async open(driverUrl: string): Promise<WebKitSession> {
    // No browserName: WebKitWebDriver matches none. Without --automation the session never starts.
    const created = (await command(driverUrl, "POST", "/session", {
      capabilities: {
        alwaysMatch: {
          "webkitgtk:browserOptions": {
            binary: MINIBROWSER,
            args: ["--automation", "--enable-mock-capture-devices=true"],
          },
        },
      },
    })) as { sessionId: string };
    const session = new WebKitSession(driverUrl, created.sessionId);
    await session.send("POST", "/timeouts", { script: COMMAND_TIMEOUT_MS - 5_000, pageLoad: 30_000, implicit: 0 });
    return session;
  }

  private send(method: string, path: string, body?: unknown): Promise<unknown> {
    return command(this.driverUrl, method, `/session/${this.id}${path}`, body);
  }

  /** Loads a URL and starts collecting the page's script errors. */
  async goto(url: string): Promise<void> {
    await this.send("POST", "/url", { url });
    await this.execute(installCollector);
  }

  /** Runs a function body in the page (`arguments` are `args`); a returned promise is awaited. */
  execute(script: string, ...args: unknown[]): Promise<unknown> {
    return this.send("POST", "/execute/sync", { script, args });
  }

  /** An expression's value, awaited: what test/browser/axe.ts needs of a page. */
  evaluate(expression: string): Promise<unknown> {
    return this.execute(`return (${expression});`);
  }

  /** The first element matching a CSS selector, or undefined. */
  async find(selector: string): Promise<WebKitElement | undefined> {
    const found = (await this.send("POST", "/elements", { using: "css selector", value: selector })) as WebKitElement[];
    return found[0];
  }

  /** Waits, at most `timeoutMs`, until an element matching the selector is shown (laid out, not hidden). */
  async waitFor(selector: string, timeoutMs = 30_000): Promise<WebKitElement> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const shown = await this.execute(
        `const el = document.querySelector(arguments[0]);
         return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";`,
        selector,
      );
      const element = shown ? await this.find(selector) : undefined;
      if (element) return element;
      if (Date.now() > deadline) throw new Error(`WebKit: nothing shown for ${selector} within ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  /** Polls a function body until it returns something truthy, at most `timeoutMs`; answers with it. */
  async until(script: string, description: string, timeoutMs = 30_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.execute(script);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`WebKit: ${description} not within ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  async click(element: WebKitElement): Promise<void> {
    await this.send("POST", `/element/${element[ELEMENT]}/click`, {});
  }

  /** Types into a field as keystrokes, as a person would. */
  async type(element: WebKitElement, text: string): Promise<void> {
    await this.send("POST", `/element/${element[ELEMENT]}/value`, { text });
  }

  /** The text of the first element matching the selector, or undefined while there is none. */
  async text(selector: string): Promise<string | undefined> {
    return (await this.execute(
      "const el = document.querySelector(arguments[0]); return el ? el.textContent : undefined;",
      selector,
    )) as string | undefined;
  }

  /** A PNG of the window. */
  async screenshot(): Promise<Buffer> {
    return Buffer.from((await this.send("GET", "/screenshot")) as string, "base64");
  }

  /** The script errors recorded since the last navigation. */
  async scriptErrors(): Promise<ScriptError[]> {
    return ((await this.execute("return window.__scriptErrors || [];")) as ScriptError[]) ?? [];
  }

  async close(): Promise<void> {
    await command(this.driverUrl, "DELETE", `/session/${this.id}`);
  }
}

/** One WebDriver command; a WebDriver error becomes an Error naming it. */
async function command(driverUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${driverUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(COMMAND_TIMEOUT_MS),
  });
  const answer = (await response.json()) as { value: unknown };
  if (!response.ok) {
    const error = answer.value as { error?: string; message?: string };
    throw new Error(`WebDriver ${method} ${path}: ${error.error ?? response.status}: ${error.message ?? ""}`);
  }
  return answer.value;
}

/** Xvfb, WebKitWebDriver and one MiniBrowser session; `stop` ends all three, also after a failure. */
export interface WebKit {
  session: WebKitSession;
  stop(): Promise<void>;
}

export async function launchWebKit(): Promise<WebKit> {
  const xvfb = await startXvfb();
  let driver: ChildProcess | undefined;
  try {
    const port = await freePort();
    // The MiniBrowser renders as it does by default: forcing software rendering makes screenshots hang.
    driver = startProcess("WebKitWebDriver", [`--port=${port}`, "--host=127.0.0.1"], {
      ...process.env,
      DISPLAY: xvfb.display,
    });
    await waitForPort(port, driver);
    const session = await WebKitSession.open(`http://127.0.0.1:${port}`);
    const started = driver;
    return {
      session,
      async stop() {
        await session.close().catch(() => undefined);
        stopProcess(started);
        stopProcess(xvfb.process);
      },
    };
  } catch (error) {
    stopProcess(driver);
    stopProcess(xvfb.process);
    throw error;
  }
}
