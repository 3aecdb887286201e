// Every operation in /api/openapi.json answers malformed input with a 4xx and a message.
import built from "virtual:openapi-document";
import { describe, expect, it } from "vitest";
import { api, providerWithSession } from "./helpers.ts";

type Operation = { parameters?: { in: string; name: string }[]; requestBody?: unknown };
type Document = { paths: Record<string, Record<string, Operation>> };

async function document(): Promise<Document> {
  const res = await api("/api/openapi.json");
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
}

describe("the OpenAPI document", () => {
  it("describes the API's operations", async () => {
    const doc = await document();
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        "POST /api/auth/login",
        "POST /api/appointments",
        "GET /api/invites/{token}",
        "POST /api/invites/{token}/join",
        "GET /api/ice-servers",
        "GET /api/ws/waiting",
        "GET /api/ws/consultation/{id}",
      ]),
    );
  });

  it("is the document the deployed Worker serves from the build: same routes, same schemas", async () => {
    // Here (no `[alias]`) the app generates it at run time; deployed, it serves what `npm run build` generated
    // in Node from the same routes (scripts/openapi-document.ts, worker/openapi-route-assets.ts).
    const res = await api("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(built);
    expect(Object.keys((built as Document).paths)).toContain("/api/appointments");
  });

  it("every operation answers malformed input with a 4xx and an error message, logged in or not", async () => {
    const doc = await document();
    const { cookie } = await providerWithSession();
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        // Path parameters get a value no schema accepts; bodies are broken JSON; tickets are oversized.
        // Query parameters (all optional so far) get the same value, so that there is input to refuse.
        const query = (operation.parameters ?? [])
          .filter((p) => p.in === "query")
          .map((p) => `${p.name}=%E2%9C%97not-valid`)
          .join("&");
        const url = path.replace(/\{[^}]+\}/g, "%E2%9C%97not-valid") + (query ? `?${query}` : "");
        const takesInput = Boolean(operation.requestBody || operation.parameters?.length);
        const logins: Record<string, string>[] = takesInput ? [{}, { Cookie: cookie }] : [{}];
        for (const headers of logins) {
          const res = await api(url, {
            method: method.toUpperCase(),
            headers: {
              ...headers,
              "Content-Type": "application/json",
              ...(path.startsWith("/api/ws/")
                ? { Upgrade: "websocket", "Sec-WebSocket-Protocol": `anteroom.v1, ticket.${"x".repeat(5000)}` }
                : {}),
            },
            body: method === "get" ? undefined : "{broken",
          });
          const body = res.headers.get("Content-Type")?.includes("json")
            ? ((await res.json()) as { error?: string; code?: string })
            : {};
          // Every error answer says what went wrong, with a stable code the client translates.
          const explained = res.status < 400 || Boolean(body.error && body.code);
          // An operation without input (logout, say) has nothing malformed to refuse, but must not fail.
          const refused = takesInput ? res.status >= 400 && res.status < 500 : res.status < 500;
          if (!explained) failures.push(`${method.toUpperCase()} ${path} -> ${res.status} without a code`);
          if (!refused) failures.push(`${method.toUpperCase()} ${path} -> ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("unknown API paths are a JSON 404, not the app's HTML", async () => {
    const res = await api("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: "not-found", error: "Not found." });
  });
});
