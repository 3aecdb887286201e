// Tests inside workerd: real D1 with the migrations applied, real Durable Objects.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { openAPIDocumentModule } from "./scripts/openapi-document.ts";

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations("./schema/migrations"),
          TICKET_SECRET: "test-ticket-secret-of-32-characters",
          SIGNUP: "open",
          MAILER: "outbox",
          PUBLIC_ORIGIN: "http://anteroom.test",
          OPERATOR_TOKEN: "test-operator-token-of-32-characters-at-least",
        },
        // The local Email Service binding (worker/mail/cloudflare.ts), sending only to this one address,
        // as an operator's allow-list would: the test sees the binding accept a mail and refuse another.
        email: { send_email: [{ name: "EMAIL", allowed_destination_addresses: ["patient@example.test"] }] },
      },
    })),
    // `virtual:openapi-document`: the document `npm run build` writes for the deployed Worker, generated only
    // when a test imports it (test/workerd/openapi.test.ts compares it with the app's run-time one).
    openAPIDocumentModule(),
  ],
  test: {
    include: ["test/unit/**/*.test.ts", "test/workerd/**/*.test.ts"],
    setupFiles: ["./test/workerd/apply-migrations.ts"],
    // A mock of the e-mail and TURN APIs on 127.0.0.1, for the adapters' tests with the real fetch.
    globalSetup: ["./test/workerd/mock-api.ts"],
    // Tests about throttling may first wait (up to 15 s) for a fresh rate-limit window (helpers.ts).
    testTimeout: 30_000,
  },
});
