import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { openAPIDocumentFile } from "./scripts/openapi-document.ts";

export default defineConfig({
  root: "client",
  publicDir: "public",
  // The Worker's OpenAPI document goes into the static assets too (scripts/openapi-document.ts).
  plugins: [solid(), openAPIDocumentFile()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    // For bench/run.ts (patient page weight); .assetsignore keeps it off the server.
    manifest: true,
    target: "es2022",
  },
});
