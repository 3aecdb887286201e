// Background blur's runtime into the built client under /blur/: Twilio's TFLite wasm build, its loader and
// MediaPipe's selfie-segmentation model, copied from the installed @twilio/video-processors package (BSD-3-Clause,
// its LICENSE.md goes along). Served from our own origin only, never from a CDN; the files are fetched by the blur
// worker when someone turns blur on, and by nobody else (client/src/call/blur).
// Until the package is installed the build goes on without them and says so: blur then reports itself
// unavailable instead of breaking the app.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "vite";
import { RUNTIME_FILES } from "../client/src/call/blur/runtime.ts";

export const BLUR_PACKAGE = "@twilio/video-processors";

/** The package's folder, or undefined when it is not installed. */
function packageDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${BLUR_PACKAGE}/package.json`));
  } catch {
    return undefined;
  }
}

/** Which file of the package each served file comes from. */
function sources(dir: string): Record<string, string> {
  const build = join(dir, "dist", "build");
  return {
    [RUNTIME_FILES.loader]: join(build, RUNTIME_FILES.loader),
    [RUNTIME_FILES.wasm]: join(build, RUNTIME_FILES.wasm),
    [RUNTIME_FILES.model]: join(build, RUNTIME_FILES.model),
    [RUNTIME_FILES.license]: join(dir, "LICENSE.md"),
  };
}

export function blurRuntime(): Plugin {
  return {
    name: "anteroom:blur-runtime",
    apply: "build",
    generateBundle() {
      const dir = packageDir();
      if (!dir) {
        this.warn(`${BLUR_PACKAGE} is not installed: background blur's runtime is left out of this build`);
        return;
      }
      for (const [served, source] of Object.entries(sources(dir))) {
        this.emitFile({ type: "asset", fileName: `blur/${served}`, source: readFileSync(source) });
      }
    },
  };
}
