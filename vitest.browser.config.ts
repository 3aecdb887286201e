// Browser tests: headless Chromium against the real `npm start` server, with coturn, all inside a
// loopback-only network namespace (npm run test:browser wraps this in test/browser/in-netns.sh).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    globalSetup: ["./test/browser/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
