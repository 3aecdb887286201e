import {
  ClientMessage,
  type ErrorCode,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  type ServerMessage,
} from "../schema/messages.ts";

export type Parsed = { ok: true; message: ClientMessage } | { ok: false; error: ServerMessage };

export function errorMessage(code: ErrorCode, message: string): ServerMessage {
  return { type: "error", code, message };
}

/** Turns a raw frame into a valid client message, or into the error reply it deserves. */
export function parseClientMessage(raw: string | ArrayBuffer): Parsed {
  if (typeof raw !== "string") return { ok: false, error: errorMessage("invalid-message", "Send JSON text frames.") };
  if (raw.length > MAX_MESSAGE_BYTES) return { ok: false, error: errorMessage("too-large", "Message too large.") };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: errorMessage("invalid-message", "Message is not valid JSON.") };
  }
  const result = ClientMessage.safeParse(json);
  if (result.success) {
    if (result.data.type === "hello" && result.data.protocol !== PROTOCOL_VERSION) {
      return {
        ok: false,
        error: errorMessage("incompatible", `Protocol ${PROTOCOL_VERSION} required; reload the page.`),
      };
    }
    return { ok: true, message: result.data };
  }
  const type = typeof json === "object" && json !== null && "type" in json ? String(json.type) : undefined;
  const known = ClientMessage.def.options.some((option) => option.shape.type.def.values.includes(type as never));
  if (!known) return { ok: false, error: errorMessage("unknown-type", `Unknown message type: ${type ?? "(none)"}.`) };
  return { ok: false, error: errorMessage("invalid-message", `Malformed ${type} message.`) };
}
