// A mock of the HTTP APIs Anteroom calls (an e-mail API, an SMS API, Cloudflare's TURN API), run by vitest in Node on
// 127.0.0.1, so that the adapters are tested inside workerd with the runtime's real fetch. The tests
// find it with inject("mockApiOrigin") (mock-api-client.ts).
//   POST /emails                 accepts a mail (200), records it
//   POST /refuse/emails          refuses it (422), records it
//   POST /hold/emails            records it and answers only after POST /__release
//   POST /sms                    accepts an SMS (200), records it
//   POST /refuse/sms             refuses it (422, the body naming the number, as real APIs do), records it
//   POST /stall/sms              records it and never answers (until the run ends): an API that hangs
//   POST /v1/turn/keys/:key/credentials/generate-ice-servers   ICE servers, port-53 URLs included
//   GET  /__received             every request recorded so far: {method, path, authorization, contentType, body}
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { TestProject } from "vitest/node";

interface Recorded {
  method: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  body: unknown;
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export default async function setup(project: TestProject) {
  const received: Recorded[] = [];
  let held: ServerResponse[] = [];
  const stalled: ServerResponse[] = [];
  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "Content-Type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const server = createServer(async (request, response) => {
    const path = request.url ?? "/";
    if (request.method === "GET" && path === "/__received") return answer(response, 200, received);
    if (request.method === "POST" && path === "/__release") {
      for (const waiting of held) answer(waiting, 200, { id: "held-mail" });
      held = [];
      return answer(response, 200, {});
    }
    received.push({
      method: request.method ?? "",
      path,
      authorization: request.headers.authorization ?? null,
      contentType: request.headers["content-type"] ?? null,
      body: await readBody(request),
    });
    if (path === "/emails") return answer(response, 200, { id: `mail-${received.length}` });
    if (path === "/refuse/emails") return answer(response, 422, { message: "invalid from" });
    if (path === "/hold/emails") return void held.push(response);
    if (path === "/sms") return answer(response, 200, { data: { id: `sms-${received.length}` } });
    if (path === "/refuse/sms") {
      const to = (received.at(-1)?.body as { to?: unknown } | undefined)?.to;
      return answer(response, 422, { errors: [{ detail: `${String(to)} is not a mobile number` }] });
    }
    if (path === "/stall/sms") return void stalled.push(response);
    if (/^\/v1\/turn\/keys\/[^/]+\/credentials\/generate-ice-servers$/.test(path)) {
      if (request.headers.authorization !== "Bearer turn-api-token") return answer(response, 401, {});
      return answer(response, 201, {
        iceServers: [
          { urls: ["stun:stun.cloudflare.com:3478", "stun:stun.cloudflare.com:53"] },
          {
            urls: ["turn:turn.cloudflare.com:3478?transport=udp", "turn:turn.cloudflare.com:53?transport=udp"],
            username: "mock-user",
            credential: "mock-credential",
          },
        ],
      });
    }
    answer(response, 404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("mock API has no port");
  project.provide("mockApiOrigin", `http://127.0.0.1:${address.port}`);
  return async () => {
    for (const waiting of [...held, ...stalled]) waiting.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
