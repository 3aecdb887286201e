// Reading a frame from a page: as the message its room and role may send, or as the error reply it gets.
import type * as z from "zod/mini";
import {
  ClientMessage,
  type ErrorCode,
  type ErrorReply,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
} from "../schema/messages.ts";

export type Parsed<Message> = { ok: true; message: Message } | { ok: false; error: ErrorReply };

/** A union of messages, as far as telling its types apart needs it (each option's literal `type`). */
type MessageUnion = z.ZodMiniType & {
  def: { options: readonly { shape: { type: { def: { values: readonly unknown[] } } } }[] };
};
/**
 * One room's contracts by role (schema/messages.ts), as far as reading frames needs them: what each sends.
 * The waiting room's roles are `Role`, a consultation's `ConsultationRole`.
 */
type Sends<R extends string> = Record<R, { send: MessageUnion }>;

/** No message of ours nests deeper than 4 levels; 32 leaves room and keeps every later step shallow. */
const MAX_NESTING = 32;

export function errorMessage(code: ErrorCode, message: string): ErrorReply {
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

/** The message types each union holds, worked out once per union. */
const typeSets = new WeakMap<MessageUnion, Set<unknown>>();

function typesOf(union: MessageUnion): Set<unknown> {
  const known = typeSets.get(union);
  if (known) return known;
  const types = new Set<unknown>(union.def.options.map((option) => option.shape.type.def.values[0]));
  typeSets.set(union, types);
  return types;
}

/** Every type any page sends: a type outside this room is unknown here, not malformed. */
const knownTypes = typesOf(ClientMessage);

/**
 * Turns a raw frame into a message `role` may send in this room, or into the error reply it deserves.
 * A message of this room that another role sends is `forbidden`; one of another room, `unknown-type`, as
 * is one nobody sends. Never throws.
 */
export function parseClientMessage<R extends string, Contracts extends Sends<R>>(
  raw: string | ArrayBuffer,
  contracts: Contracts,
  role: R,
): Parsed<z.infer<Contracts[R]["send"]>> {
  if (typeof raw !== "string") return { ok: false, error: errorMessage("invalid-message", "Send JSON text frames.") };
  if (raw.length > MAX_MESSAGE_BYTES) return { ok: false, error: errorMessage("too-large", "Message too large.") };
  // Deep nesting would make validation, or anything that walks the value, overflow the stack.
  if (nestsDeeperThan(raw, MAX_NESTING)) {
    return { ok: false, error: errorMessage("invalid-message", "Message nests too deeply.") };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: errorMessage("invalid-message", "Message is not valid JSON.") };
  }
  return validate(json, contracts, role);
}

function validate<R extends string, Contracts extends Sends<R>>(
  json: unknown,
  contracts: Contracts,
  role: R,
): Parsed<z.infer<Contracts[R]["send"]>> {
  const type = typeof json === "object" && json !== null && "type" in json ? json.type : undefined;
  const named = typeof type === "string" ? type.slice(0, 40) : "(none)";
  const mine: Contracts[R]["send"] = contracts[role].send;
  if (!typesOf(mine).has(type)) {
    // Checked before the shape: whatever its fields, this role may not send it.
    const roles: [string, { send: MessageUnion }][] = Object.entries(contracts);
    const theirs = roles.find(([, contract]) => typesOf(contract.send).has(type));
    if (theirs) return { ok: false, error: errorMessage("forbidden", `Only a ${theirs[0]} sends ${named} here.`) };
    const unknown = knownTypes.has(type)
      ? `${named} is not a message of this room.`
      : `Unknown message type: ${named}.`;
    return { ok: false, error: errorMessage("unknown-type", unknown) };
  }
  const result = mine.safeParse(json);
  if (!result.success) return { ok: false, error: errorMessage("invalid-message", `Malformed ${named} message.`) };
  if (type === "hello" && !speaksOurProtocol(json)) {
    return {
      ok: false,
      error: errorMessage("incompatible", `Protocol ${PROTOCOL_VERSION} required; reload the page.`),
    };
  }
  return { ok: true, message: result.data };
}

/** A page from before the current protocol says so in its hello. */
function speaksOurProtocol(hello: unknown): boolean {
  return typeof hello === "object" && hello !== null && "protocol" in hello && hello.protocol === PROTOCOL_VERSION;
}
