import {
  ClientMessage,
  type ErrorCode,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  type ServerMessage,
} from "../schema/messages.ts";

export type Parsed = { ok: true; message: ClientMessage } | { ok: false; error: ServerMessage };

/** No message of ours nests deeper than 4 levels; 32 leaves room and keeps every later step shallow. */
const MAX_NESTING = 32;

export function errorMessage(code: ErrorCode, message: string): ServerMessage {
  return { type: "error", code, message };
}

/** Whether JSON text nests objects and arrays deeper than `limit`, counted without parsing it. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") {
      if (++depth > limit) return true;
    } else if (char === "]" || char === "}") depth--;
  }
  return false;
}

const knownTypes = new Set<unknown>(ClientMessage.def.options.map((option) => option.shape.type.def.values[0]));

/** Turns a raw frame into a valid client message, or into the error reply it deserves. Never throws. */
export function parseClientMessage(raw: string | ArrayBuffer): Parsed {
  if (typeof raw !== "string") return { ok: false, error: errorMessage("invalid-message", "Send JSON text frames.") };
  if (raw.length > MAX_MESSAGE_BYTES) return { ok: false, error: errorMessage("too-large", "Message too large.") };
  // Deep nesting would make validation, or anything that walks the value, overflow the stack.
  if (nestsDeeperThan(raw, MAX_NESTING)) {
    return { ok: false, error: errorMessage("invalid-message", "Message nests too deeply.") };
  }
  try {
    return validate(JSON.parse(raw));
  } catch {
    return { ok: false, error: errorMessage("invalid-message", "Message is not valid JSON.") };
  }
}

function validate(json: unknown): Parsed {
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
  const type = typeof json === "object" && json !== null && "type" in json ? json.type : undefined;
  if (!knownTypes.has(type)) {
    const named = typeof type === "string" ? type.slice(0, 40) : "(none)";
    return { ok: false, error: errorMessage("unknown-type", `Unknown message type: ${named}.`) };
  }
  return { ok: false, error: errorMessage("invalid-message", `Malformed ${String(type)} message.`) };
}
