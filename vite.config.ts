import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { blurRuntime } from "./scripts/blur-runtime.ts";
import { openAPIDocumentFile } from "./scripts/openapi-document.ts";

/** Dynamic imports whose dependencies are not listed for preloading in the importer (see modulePreload). */
const NOT_PRELOADED =
  /(^|\/)(processor|Login|Dashboard|Signup|Confirm|ForgotPassword|ResetPassword|JoinPractice|Account|AccountDeleted|Practice|provider-area)-[\w-]+\.js$/;

export default defineConfig({
  root: "client",
  publicDir: "public",
  // The Worker's OpenAPI document goes into the static assets too (scripts/openapi-document.ts).
  // Background blur's runtime is copied into /blur/ (scripts/blur-runtime.ts).
  plugins: [solid(), openAPIDocumentFile(), blurRuntime()],
  // The only worker is background blur's: a classic script (it loads its runtime with importScripts) served
  // from /blur/, the one path whose CSP allows wasm (client/public/_headers).
  worker: { format: "iife", rolldownOptions: { output: { entryFileNames: "blur/[name]-[hash].js" } } },
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    // For bench/run.ts (patient page weight); .assetsignore keeps it off the server.
    manifest: true,
    target: "es2022",
    modulePreload: {
      // Background blur's code is fetched on the first press of its toggle, which the join page carries: listing
      // what that chunk imports (all of it loaded already by then) would cost every patient's first load bytes.
      // The providers' screens likewise: the entry every patient loads listed each one's chunks to preload,
      // and every chunk a provider's page gained (device keys, opening names: issue 25) lengthened that list.
      // A provider's screen now loads what it imports as it starts: one round trip more on its first visit.
      resolveDependencies: (filename, deps) => (NOT_PRELOADED.test(filename) ? [] : deps),
    },
  },
});
