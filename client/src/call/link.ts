// The data link to the other side of a call: two negotiated WebRTC data channels per peer connection,
// one for JSON messages (media flags, chat, file control), one for binary file chunks. Nothing on it
// passes through the server. The call session owns the channels; chat and files (lazy) use this link.
import {
  CONTROL_CHANNEL,
  FILE_CHANNEL,
  MAX_PEER_MESSAGE_BYTES,
  type PeerMessage,
  parsePeerMessage,
} from "../../../schema/peer-messages.ts";

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

/** What the chat and file modules see of the link. */
export interface DataLink {
  /** Whether messages can be sent to the current peer now. */
  readonly open: boolean;
  /** Sends to the current peer; false (and nothing sent) while the link is not open. */
  send(message: PeerMessage): boolean;
  /** The file channel to the current peer while the link is open. */
  fileChannel(): DataChannelLike | undefined;
  /**
   * Chat and file messages from the other side (media flags go to the session). Messages that arrived
   * before the first listener subscribed are delivered to it at once, so the chat can load lazily.
   */
  onMessage(listener: (message: PeerMessage) => void): () => void;
  /** Binary frames on the file channel. */
  onBinary(listener: (data: ArrayBuffer) => void): () => void;
  /** The link opened (true) or was lost (false): a new peer connection, or none. Transfers in flight fail. */
  onOpenChange(listener: (open: boolean) => void): () => void;
}

/** How many chat and file messages wait for the chat module to load before older ones are dropped. */
const BACKLOG_LIMIT = 200;

export interface LinkEvents {
  /** Media flags from the other side. */
  flags(message: Extract<PeerMessage, { type: "flags" }>): void;
  /** Any other message, already validated. */
  other(message: PeerMessage): void;
  /** A frame that was too large, not JSON, unknown or malformed: dropped. */
  dropped(): void;
  /** The control channel opened or closed. */
  openChange(open: boolean): void;
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

/**
 * One link for the whole call: the session attaches the channels of each new peer connection; the
 * chat and file modules keep their subscription across reconnects.
 */
export class CallLink implements DataLink {
  private channels: PeerChannels | undefined;
  private readonly messageListeners = new Set<(message: PeerMessage) => void>();
  private readonly binaryListeners = new Set<(data: ArrayBuffer) => void>();
  private readonly openListeners = new Set<(open: boolean) => void>();
  private backlog: PeerMessage[] = [];
  /** Bumped on every attach or detach: events of older channels are ignored. */
  private generation = 0;

  constructor(private readonly events: LinkEvents) {}

  get open(): boolean {
    return this.channels?.control.readyState === "open";
  }

  /** Uses these channels from now on (a new peer connection); the old ones are forgotten. */
  attach(channels: PeerChannels): void {
    this.detach();
    const mine = ++this.generation;
    this.channels = channels;
    const current = () => mine === this.generation;
    channels.control.addEventListener("open", () => current() && this.openChanged(true));
    channels.control.addEventListener("close", () => current() && this.openChanged(false));
    channels.control.addEventListener("message", ({ data }) => current() && this.received(data));
    channels.files.addEventListener("message", ({ data }) => {
      if (!current()) return;
      if (data instanceof ArrayBuffer) for (const listener of this.binaryListeners) listener(data);
      else this.events.dropped();
    });
  }

  /** The peer connection is gone. */
  detach(): void {
    if (!this.channels) return;
    const wasOpen = this.open;
    this.generation++;
    this.channels = undefined;
    if (wasOpen) this.openChanged(false);
  }

  send(message: PeerMessage): boolean {
    if (!this.open || !this.channels) return false;
    const text = JSON.stringify(message);
    if (text.length > MAX_PEER_MESSAGE_BYTES) return false;
    try {
      this.channels.control.send(text);
      return true;
    } catch {
      return false;
    }
  }

  fileChannel(): DataChannelLike | undefined {
    return this.open ? this.channels?.files : undefined;
  }

  onMessage(listener: (message: PeerMessage) => void): () => void {
    this.messageListeners.add(listener);
    const waiting = this.backlog;
    this.backlog = [];
    for (const message of waiting) listener(message);
    return () => this.messageListeners.delete(listener);
  }

  onBinary(listener: (data: ArrayBuffer) => void): () => void {
    this.binaryListeners.add(listener);
    return () => this.binaryListeners.delete(listener);
  }

  onOpenChange(listener: (open: boolean) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  private openChanged(open: boolean): void {
    this.events.openChange(open);
    for (const listener of this.openListeners) listener(open);
  }

  private received(data: unknown): void {
    const message = typeof data === "string" ? parsePeerMessage(data) : null;
    if (!message) {
      this.events.dropped();
      return;
    }
    if (message.type === "flags") {
      this.events.flags(message);
      return;
    }
    this.events.other(message);
    if (this.messageListeners.size === 0) {
      this.backlog.push(message);
      if (this.backlog.length > BACKLOG_LIMIT) this.backlog.shift();
      return;
    }
    for (const listener of this.messageListeners) listener(message);
  }
}
