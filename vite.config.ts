import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

export default defineConfig({
  root: "client",
  publicDir: "public",
  plugins: [solid()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    target: "es2022",
  },
});
