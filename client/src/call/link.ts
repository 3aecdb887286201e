// The data link to the others in a call: two negotiated WebRTC data channels per peer connection (one
// per other participant), one for JSON messages (media flags, chat, file control), one for binary file
// chunks. Each pair speaks the same protocol as a 1:1 call (schema/peer-messages.ts); a message "to
// everyone" is sent once on each pair. Nothing on it passes through the server. The call session owns
// the channels; chat and files (lazy) use this link.
import {
  CONTROL_CHANNEL,
  FILE_CHANNEL,
  MAX_PEER_MESSAGE_BYTES,
  type PeerMessage,
  parsePeerMessage,
} from "../../../schema/peer-messages.ts";
import { FloodGuard } from "./flood-guard.ts";

/** The part of RTCDataChannel the call uses; tests pass a fake. */
export interface DataChannelLike {
  readonly readyState: RTCDataChannelState;
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  binaryType: BinaryType;
  send(data: string | ArrayBuffer | ArrayBufferView<ArrayBuffer>): void;
  close(): void;
  addEventListener(type: "open" | "close" | "bufferedamountlow", listener: () => void): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: "open" | "close" | "bufferedamountlow", listener: () => void): void;
}

/** What the chat and file modules see of the link: one data link per other participant, as one. */
export interface DataLink {
  /** Whether messages can be sent to at least one other participant now. */
  readonly open: boolean;
  /** The participants (by connection id) whose link is open now, in the order their links were attached. */
  openPeers(): string[];
  isOpen(peerId: string): boolean;
  /** Sends to every participant whose link is open; false (and nothing sent) when none is. */
  send(message: PeerMessage): boolean;
  /** Sends to one participant; false (and nothing sent) while their link is not open. */
  sendTo(peerId: string, message: PeerMessage): boolean;
  /** The file channel to this participant while their link is open. */
  fileChannel(peerId: string): DataChannelLike | undefined;
  /**
   * Chat and file messages from the others, with whom each came from (media flags go to the session).
   * Messages that arrived before the first listener subscribed are delivered to it at once, so the
   * chat can load lazily.
   */
  onMessage(listener: (message: PeerMessage, from: string) => void): () => void;
  /** Binary frames on a participant's file channel. */
  onBinary(listener: (data: ArrayBuffer, from: string) => void): () => void;
  /**
   * A participant's link opened (true) or was lost (false): a new peer connection, or none. Their
   * transfers in flight fail; the others' go on.
   */
  onOpenChange(listener: (open: boolean, peerId: string) => void): () => void;
  /** Whether this participant's chat and file messages are ignored for the rest of the call (flood-guard.ts). */
  isSilenced(peerId: string): boolean;
  /** Those silenced so far, oldest first: a chat that loads late still says so. */
  silencedPeers(): string[];
  /** A participant was silenced just now. */
  onSilenced(listener: (peerId: string) => void): () => void;
}

/** How many chat and file messages wait for the chat module to load before older ones are dropped. */
const BACKLOG_LIMIT = 200;

export interface LinkEvents {
  /** Media flags from a participant: read even from one who is silenced, as they are the call's. */
  flags(message: Extract<PeerMessage, { type: "flags" }>, from: string): void;
  /** The name a participant told (validated: one plain line, not too long), read like their flags. */
  name(message: Extract<PeerMessage, { type: "name" }>, from: string): void;
  /** Any other message, already validated, from one who is not silenced. */
  other(message: PeerMessage, from: string): void;
  /** A frame that was too large, not JSON, unknown or malformed: dropped. Not told once the sender is silenced. */
  dropped(from: string): void;
  /** A participant's control channel opened or closed. */
  openChange(open: boolean, from: string): void;
}

/** The channels of one peer connection. Both sides create them with the same fixed ids (negotiated). */
export interface PeerChannels {
  control: DataChannelLike;
  files: DataChannelLike;
}

export function openPeerChannels(connection: {
  createDataChannel(label: string, init: RTCDataChannelInit): DataChannelLike;
}): PeerChannels {
  const control = connection.createDataChannel(CONTROL_CHANNEL.label, { negotiated: true, id: CONTROL_CHANNEL.id });
  const files = connection.createDataChannel(FILE_CHANNEL.label, { negotiated: true, id: FILE_CHANNEL.id });
  files.binaryType = "arraybuffer";
  return { control, files };
}

/** One participant's channels as the link holds them. */
interface Attached {
  channels: PeerChannels;
  /** Events of channels that were replaced since are ignored. */
  current: boolean;
}

/**
 * One link for the whole call: the session attaches the channels of each participant's peer
 * connection (again after a new one), and detaches them when the participant leaves. The chat and
 * file modules keep their subscription across all of it. A participant that floods the link or sends
 * malformed frames is silenced: their chat and files are ignored, their media flags still read.
 */
export class MeshLink implements DataLink {
  private readonly attached = new Map<string, Attached>();
  /** By participant, kept after they detach: a new peer connection does not reset their count. */
  private readonly guards = new Map<string, FloodGuard>();
  private readonly silenced: string[] = [];
  private readonly messageListeners = new Set<(message: PeerMessage, from: string) => void>();
  private readonly binaryListeners = new Set<(data: ArrayBuffer, from: string) => void>();
  private readonly openListeners = new Set<(open: boolean, peerId: string) => void>();
  private readonly silenceListeners = new Set<(peerId: string) => void>();
  private backlog: { message: PeerMessage; from: string }[] = [];

  constructor(
    private readonly events: LinkEvents,
    private readonly now: () => number = Date.now,
  ) {}

  get open(): boolean {
    return this.openPeers().length > 0;
  }

  openPeers(): string[] {
    return [...this.attached.keys()].filter((peerId) => this.isOpen(peerId));
  }

  isOpen(peerId: string): boolean {
    return this.attached.get(peerId)?.channels.control.readyState === "open";
  }

  /** Uses these channels for this participant from now on (a new peer connection); their old ones are forgotten. */
  attach(peerId: string, channels: PeerChannels): void {
    if (this.attached.get(peerId)?.channels === channels) return;
    this.detach(peerId);
    const entry: Attached = { channels, current: true };
    this.attached.set(peerId, entry);
    channels.control.addEventListener("open", () => entry.current && this.openChanged(true, peerId));
    channels.control.addEventListener("close", () => entry.current && this.openChanged(false, peerId));
    channels.control.addEventListener("message", ({ data }) => entry.current && this.received(peerId, data));
    channels.files.addEventListener("message", ({ data }) => entry.current && this.binary(peerId, data));
  }

  /** This participant's peer connection is gone. */
  detach(peerId: string): void {
    const entry = this.attached.get(peerId);
    if (!entry) return;
    const wasOpen = this.isOpen(peerId);
    entry.current = false;
    this.attached.delete(peerId);
    if (wasOpen) this.openChanged(false, peerId);
  }

  send(message: PeerMessage): boolean {
    let sent = false;
    for (const peerId of this.openPeers()) sent = this.sendTo(peerId, message) || sent;
    return sent;
  }

  sendTo(peerId: string, message: PeerMessage): boolean {
    const control = this.attached.get(peerId)?.channels.control;
    if (control?.readyState !== "open") return false;
    const text = JSON.stringify(message);
    if (text.length > MAX_PEER_MESSAGE_BYTES) return false;
    try {
      control.send(text);
      return true;
    } catch {
      return false;
    }
  }

  fileChannel(peerId: string): DataChannelLike | undefined {
    return this.isOpen(peerId) ? this.attached.get(peerId)?.channels.files : undefined;
  }

  onMessage(listener: (message: PeerMessage, from: string) => void): () => void {
    this.messageListeners.add(listener);
    const waiting = this.backlog;
    this.backlog = [];
    for (const { message, from } of waiting) listener(message, from);
    return () => this.messageListeners.delete(listener);
  }

  onBinary(listener: (data: ArrayBuffer, from: string) => void): () => void {
    this.binaryListeners.add(listener);
    return () => this.binaryListeners.delete(listener);
  }

  onOpenChange(listener: (open: boolean, peerId: string) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  isSilenced(peerId: string): boolean {
    return this.guards.get(peerId)?.silenced === true;
  }

  silencedPeers(): string[] {
    return [...this.silenced];
  }

  onSilenced(listener: (peerId: string) => void): () => void {
    this.silenceListeners.add(listener);
    return () => this.silenceListeners.delete(listener);
  }

  private guard(peerId: string): FloodGuard {
    let guard = this.guards.get(peerId);
    if (!guard) {
      guard = new FloodGuard(this.now);
      this.guards.set(peerId, guard);
    }
    return guard;
  }

  private openChanged(open: boolean, peerId: string): void {
    this.events.openChange(open, peerId);
    for (const listener of this.openListeners) listener(open, peerId);
  }

  private silence(peerId: string): void {
    this.silenced.push(peerId);
    // Whatever of theirs still waits for the chat to load goes too.
    this.backlog = this.backlog.filter(({ from }) => from !== peerId);
    for (const listener of this.silenceListeners) listener(peerId);
  }

  private received(from: string, data: unknown): void {
    const guard = this.guard(from);
    const wasSilenced = guard.silenced;
    const flooding = guard.frame();
    const message = typeof data === "string" ? parsePeerMessage(data) : null;
    if (!message) {
      // A silenced sender's junk is not worth a warning each: there may be thousands.
      if (!wasSilenced) this.events.dropped(from);
      if (guard.malformedFrame() || flooding) this.silence(from);
      return;
    }
    if (flooding) this.silence(from);
    if (message.type === "flags") {
      this.events.flags(message, from);
      return;
    }
    // Who they are belongs to the call, not to the chat: not counted as a chat message, never backlogged.
    if (message.type === "name") {
      this.events.name(message, from);
      return;
    }
    if (guard.silenced) return;
    this.events.other(message, from);
    if (this.messageListeners.size === 0) {
      this.backlog.push({ message, from });
      if (this.backlog.length > BACKLOG_LIMIT) this.backlog.shift();
      return;
    }
    for (const listener of this.messageListeners) listener(message, from);
  }

  /** File chunks: not counted as a flood (a file is hundreds of them a second), but a text frame here is malformed. */
  private binary(from: string, data: unknown): void {
    const guard = this.guard(from);
    if (guard.silenced) return;
    if (data instanceof ArrayBuffer) {
      for (const listener of this.binaryListeners) listener(data, from);
      return;
    }
    this.events.dropped(from);
    if (guard.malformedFrame()) this.silence(from);
  }
}
