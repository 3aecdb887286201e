import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

export default defineConfig({
  root: "client",
  publicDir: "public",
  plugins: [solid()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    // For bench/run.ts (patient page weight); .assetsignore keeps it off the server.
    manifest: true,
    target: "es2022",
  },
});
