// What vitest's global set-up hands the tests (mock-api.ts), for inject().
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    mockApiOrigin: string;
  }
}
