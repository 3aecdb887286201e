// Tests that run in Node, inside a loopback-only network namespace (test/browser/in-netns.sh):
//   client:  client logic with fakes
//   render:  client components rendered to HTML on the server (Solid's SSR), for what a screen shows
//   node:    configuration and deployment checks (wrangler dry runs)
//   browser: headless Chromium against the real `npm start` server, with coturn
import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        // Client logic (room connection, call session) with fake sockets, peer connections and clocks.
        test: { name: "client", include: ["test/client/**/*.test.ts"] },
      },
      {
        // Components rendered to a string by Solid's server renderer: no DOM to fake, and the markup
        // (hooks, attributes, text) is what the browser would get before any effect runs.
        plugins: [solid({ ssr: true })],
        test: { name: "render", include: ["test/client/**/*.test.tsx"], setupFiles: ["test/client/render-setup.ts"] },
      },
      {
        test: { name: "node", include: ["test/node/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["./test/browser/global-setup.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
