// Bindings that exist only in the tests (vitest.config.ts adds them).
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("@cloudflare/vitest-plugin").D1Migration[];
    /** Cloudflare Email Service, local (worker/mail/cloudflare.ts). */
    EMAIL: SendEmail;
  }
}
