// Messages between the two browsers of a call, over WebRTC data channels only: the server never sees
// them. Each side validates what the other sends with these schemas, since the other side may run a
// modified page. zod/mini, as everything the client parses (README, "Why each dependency").
import * as z from "zod/mini";
import { MAX_NAME_LENGTH } from "./limits.ts";
import { typedLine, typedText } from "./typed-text.ts";

/** A chat message's text. */
export const MAX_CHAT_TEXT_LENGTH = 2000;
/** Files larger than this are refused before sending and on arrival. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 200;
/**
 * One binary frame on the file channel: a 4-byte transfer number, then up to this many bytes of the
 * file. Each frame costs the pages a message event, a copy and a progress check: 64 KiB frames send a
 * file with a quarter of the events 16 KiB ones took. Both browsers we support take it: Chromium
 * announces a largest message of 256 KiB (a=max-message-size:262144), Firefox ESR 1 GiB; older
 * stacks that split messages above 16 KiB are not among them.
 */
export const FILE_CHUNK_BYTES = 64 * 1024;
/** Text frames on the control channel above this are dropped unparsed. */
export const MAX_PEER_MESSAGE_BYTES = 8 * 1024;

/** The label and fixed id of the two negotiated data channels both sides open. */
export const CONTROL_CHANNEL = { label: "anteroom-control", id: 0 } as const;
export const FILE_CHANNEL = { label: "anteroom-files", id: 1 } as const;

const transferId = z.int().check(z.gte(1), z.lte(2 ** 31));
const sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/));

/** What one side sends and shows; the other side reflects it (a muted icon, an avatar instead of video). */
export const MediaFlags = z.object({
  muted: z.boolean(),
  cameraOff: z.boolean(),
  /** Asks the other side not to send video either: the call goes audio-only both ways. */
  audioOnly: z.boolean(),
  /** The video being sent is a shared screen, shown large on the other side. */
  sharing: z.boolean(),
});
export type MediaFlags = z.infer<typeof MediaFlags>;
export const NO_FLAGS: MediaFlags = { muted: false, cameraOff: false, audioOnly: false, sharing: false };

export const PeerMessage = z.discriminatedUnion("type", [
  /** Sent when the control channel opens and on every change. */
  z.object({ type: z.literal("flags"), flags: MediaFlags }),
  /**
   * Sent when the control channel opens: the sender's name as they gave it. A patient's or guest's name
   * reaches the others this way only; the server's roster holds ids and labels (issue 25).
   */
  z.object({ type: z.literal("name"), name: typedLine(MAX_NAME_LENGTH, 1) }),
  z.object({
    type: z.literal("chat"),
    id: z.string().check(z.minLength(1), z.maxLength(64)),
    text: typedText(MAX_CHAT_TEXT_LENGTH, 1),
    sentAt: z.number(),
  }),
  /** The sender proposes a file; chunks follow only after the receiver's `file-accept`. */
  z.object({
    type: z.literal("file-offer"),
    id: transferId,
    name: z.string().check(z.minLength(1), z.maxLength(MAX_FILE_NAME_LENGTH)),
    size: z.int().check(z.gte(0), z.lte(MAX_FILE_BYTES)),
  }),
  z.object({ type: z.literal("file-accept"), id: transferId }),
  /**
   * After the last chunk: the SHA-256 of the whole file, which the sender hashed while sending it
   * (announcing it in the offer meant reading and hashing the whole file before the first byte went
   * out). It travels on the control channel, so it may arrive before the last chunks: the receiver
   * checks once it has both.
   */
  z.object({ type: z.literal("file-end"), id: transferId, sha256: sha256Hex }),
  /**
   * Either side stops a transfer; nothing of it is kept. Each side numbers its own outgoing transfers,
   * so `by` says whose numbering `id` is in: the sender's own, or the receiver's (of an incoming one).
   */
  z.object({ type: z.literal("file-cancel"), id: transferId, by: z.enum(["sender", "receiver"]) }),
  /**
   * The receiver takes one file at a time (its memory holds one file of at most MAX_FILE_BYTES), so an
   * offer while another file is still arriving is refused; the sender may offer it again afterwards.
   */
  z.object({ type: z.literal("file-refused"), id: transferId, reason: z.enum(["busy"]) }),
  /** The receiver's verdict after checking the checksum, so the sender sees it too. */
  z.object({ type: z.literal("file-result"), id: transferId, ok: z.boolean() }),
]);
export type PeerMessage = z.infer<typeof PeerMessage>;
export type PeerMessageOf<T extends PeerMessage["type"]> = Extract<PeerMessage, { type: T }>;

/** A text frame from the other side as a valid message, or null (too large, not JSON, unknown, malformed). */
export function parsePeerMessage(raw: string): PeerMessage | null {
  if (raw.length > MAX_PEER_MESSAGE_BYTES) return null;
  try {
    const result = PeerMessage.safeParse(JSON.parse(raw));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
