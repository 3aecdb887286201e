// Functions that run inside the browser pages, in Chromium and in Firefox alike. They are sent to
// the page as source text, so they must not use anything from this module's scope.

/**
 * Records every RTCPeerConnection and WebSocket the page creates, every chime it plays and every stream
 * camera and microphone gave it, so tests can read getStats(), drop a connection, hear the provider's
 * notice and see that the camera went off, without hooks in the product code.
 */
export const instrument = () => {
  const w = window as unknown as {
    __peers: RTCPeerConnection[];
    __sockets: WebSocket[];
    __chimes: number;
    __media: MediaStream[];
  };
  w.__peers = [];
  w.__sockets = [];
  w.__chimes = 0;
  w.__media = [];
  const devices = navigator.mediaDevices;
  if (devices?.getUserMedia) {
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      w.__media.push(stream);
      return stream;
    };
  }
  const OriginalSocket = window.WebSocket;
  window.WebSocket = class extends OriginalSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      w.__sockets.push(this);
    }
  } as typeof WebSocket;
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      w.__peers.push(this);
    }
  } as typeof RTCPeerConnection;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    w.__chimes++;
    return start.call(this, when);
  };
};

/** How many waiting-room sockets the page opened: one for as long as the provider stays on their pages. */
export const readWaitingSockets = (): number =>
  (window as unknown as { __sockets: WebSocket[] }).__sockets.filter(
    (socket) => new URL(socket.url).pathname === "/api/ws/waiting",
  ).length;

/** How many of them are still open (or opening): none once the provider logged out. */
export const readOpenWaitingSockets = (): number =>
  (window as unknown as { __sockets: WebSocket[] }).__sockets.filter(
    (socket) => new URL(socket.url).pathname === "/api/ws/waiting" && socket.readyState <= WebSocket.OPEN,
  ).length;

/** How many notes of the arrival chime the page played. */
export const readChimes = (): number => (window as unknown as { __chimes: number }).__chimes;

/** How many camera and microphone tracks the page opened, and how many of them are still live (light on). */
export const readDeviceTracks = (): { opened: number; live: number } => {
  const tracks = (window as unknown as { __media: MediaStream[] }).__media.flatMap((stream) => stream.getTracks());
  return { opened: tracks.length, live: tracks.filter((track) => track.readyState === "live").length };
};

export interface CallStats {
  framesDecoded: number;
  /** Audio samples received (Chromium reports them; where a browser does not, audio packets received). */
  audioReceived: number;
  candidateType: string | undefined;
}

/**
 * From the newest open peer connection: frames decoded from the remote video, audio received, and the
 * local candidate type of the selected pair (Chromium names it on the transport, Firefox marks the pair).
 */
export const readCallStats = async (): Promise<CallStats> => {
  const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers.filter(
    (p) => p.connectionState !== "closed",
  );
  const pc = peers.at(-1);
  if (!pc) return { framesDecoded: 0, audioReceived: 0, candidateType: undefined };
  const stats = await pc.getStats();
  let framesDecoded = 0;
  let audioReceived = 0;
  let pair: Record<string, unknown> | undefined;
  let pairId: string | undefined;
  const byId = new Map<string, Record<string, unknown>>();
  stats.forEach((report: Record<string, unknown>) => {
    byId.set(report.id as string, report);
    if (report.type === "inbound-rtp" && report.kind === "video") framesDecoded += Number(report.framesDecoded ?? 0);
    if (report.type === "inbound-rtp" && report.kind === "audio")
      audioReceived += Number(report.totalSamplesReceived ?? report.packetsReceived ?? 0);
    if (report.type === "transport" && report.selectedCandidatePairId)
      pairId = report.selectedCandidatePairId as string;
    if (report.type === "candidate-pair" && report.selected === true) pair = report;
  });
  if (pairId) pair = byId.get(pairId);
  const local = pair ? byId.get(pair.localCandidateId as string) : undefined;
  return { framesDecoded, audioReceived, candidateType: local?.candidateType as string | undefined };
};

/**
 * From every open peer connection, in the order the page made them: in a group call each one is a
 * different participant, and reading only the newest would measure one pair and pass falsely.
 * Self-contained (it runs in the page): the same counting as readCallStats, per connection.
 */
export const readCallStatsAll = async (): Promise<CallStats[]> => {
  const peers = (window as unknown as { __peers: RTCPeerConnection[] }).__peers.filter(
    (p) => p.connectionState !== "closed",
  );
  return Promise.all(
    peers.map(async (pc) => {
      const stats = await pc.getStats();
      let framesDecoded = 0;
      let audioReceived = 0;
      let pair: Record<string, unknown> | undefined;
      let pairId: string | undefined;
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((report: Record<string, unknown>) => {
        byId.set(report.id as string, report);
        if (report.type === "inbound-rtp" && report.kind === "video")
          framesDecoded += Number(report.framesDecoded ?? 0);
        if (report.type === "inbound-rtp" && report.kind === "audio")
          audioReceived += Number(report.totalSamplesReceived ?? report.packetsReceived ?? 0);
        if (report.type === "transport" && report.selectedCandidatePairId)
          pairId = report.selectedCandidatePairId as string;
        if (report.type === "candidate-pair" && report.selected === true) pair = report;
      });
      if (pairId) pair = byId.get(pairId);
      const local = pair ? byId.get(pair.localCandidateId as string) : undefined;
      return { framesDecoded, audioReceived, candidateType: local?.candidateType as string | undefined };
    }),
  );
};

/** The remote <video>'s decoded width (0 until frames arrive). */
export const readRemoteVideoWidth = (): number =>
  (document.querySelector('[data-testid="remote-video"]') as HTMLVideoElement | null)?.videoWidth ?? 0;

/** Connection, ICE, signaling and gathering state of every peer connection the page made. */
export const readPeerStates = (): string[] =>
  (window as unknown as { __peers: RTCPeerConnection[] }).__peers.map(
    (pc) => `${pc.connectionState}/${pc.iceConnectionState}/${pc.signalingState}/${pc.iceGatheringState}`,
  );

/** One other person's tile as the page shows it (`participant` hook). */
export interface ShownTile {
  id: string;
  role: string;
  label: string;
  state: string;
  name: string;
}

/** Every `participant` tile on the page: who it is and how their connection stands. */
export const readTiles = (): ShownTile[] =>
  Array.from(document.querySelectorAll('[data-testid="participant"]')).map((tile) => ({
    id: tile.getAttribute("data-participant-id") ?? "",
    role: tile.getAttribute("data-role") ?? "",
    label: tile.getAttribute("data-label") ?? "",
    state: tile.getAttribute("data-state") ?? "",
    name: tile.querySelector('[data-testid="participant-name"]')?.textContent ?? "",
  }));

/** The chat panel's content: each message with whom the chat names as its sender, and each file transfer. */
export interface ShownChat {
  messages: { who: string; text: string }[];
  transfers: { name: string; state: string; sha256: string; from: string; to: string; download: string }[];
}

export const readChat = (): ShownChat => {
  const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent?.trim() ?? "";
  return {
    messages: Array.from(document.querySelectorAll('[data-testid="chat-message"]')).map((entry) => ({
      who: text(entry, ".who"),
      text: text(entry, ".text"),
    })),
    transfers: Array.from(document.querySelectorAll('[data-testid="file-transfer"]')).map((row) => ({
      name: text(row, ".file-name"),
      state: row.getAttribute("data-state") ?? "",
      sha256: row.getAttribute("data-sha256") ?? "",
      from: text(row, '[data-testid="file-from"]'),
      to: text(row, '[data-testid="file-to"]'),
      download: row.querySelector('[data-testid="file-download"]')?.getAttribute("download") ?? "",
    })),
  };
};
