// The consultation: a 1:1 call. Signaling goes through the Consultation object; media flows peer to peer.
import { A, useParams } from "@solidjs/router";
import { createSignal, Match, onCleanup, onMount, Show, Switch } from "solid-js";
import { CloseCode, type Participant, type Role } from "../../../schema/messages.ts";
import { type MessageKey, t } from "../i18n.ts";
import { rtcConfiguration } from "../ice.ts";
import { stopStream, takeOrOpenCameraAndMicrophone } from "../media.ts";
import { createPeer, type Peer } from "../peer.ts";
import { connectRoom, type RoomConnection, reconnectDelay } from "../socket.ts";
import { dropTicket, takeTicket } from "../tickets.ts";
import { Video } from "../video.tsx";

type Phase =
  | { name: "starting" }
  | { name: "live" }
  | { name: "reconnecting" }
  | { name: "ended"; note?: MessageKey }
  | { name: "failed"; problem: MessageKey };

/** Close codes after which coming back makes no sense. */
const FINAL_CLOSE_CODES: number[] = [CloseCode.ended, CloseCode.replaced, CloseCode.full];
/** The ticket does not (or no longer) open this consultation. */
const REFUSED_CLOSE_CODES: number[] = [CloseCode.unauthorized, CloseCode.forbidden];
/** How often a dropped signaling connection is retried (with backoff, about half a minute in all). */
const MAX_RECONNECTS = 6;
/** Tries for the very first connection: a ticket that does not open should say so soon. */
const MAX_FIRST_CONNECTS = 2;
/** A call with nobody else in it for this long is over (the other side left, or never came). */
const ALONE_LIMIT_MS = 2 * 60 * 1000;

export default function Call() {
  const params = useParams<{ id: string }>();
  const [phase, setPhase] = createSignal<Phase>({ name: "starting" });
  const [localStream, setLocalStream] = createSignal<MediaStream>();
  const [remoteStream, setRemoteStream] = createSignal<MediaStream>();
  const [peerInfo, setPeerInfo] = createSignal<Participant>();
  const [peerEverSeen, setPeerEverSeen] = createSignal(false);
  const [role, setRole] = createSignal<Role>();
  let disposed = false;
  let me: string | undefined;
  let room: RoomConnection | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let reconnects = 0;
  let alone: ReturnType<typeof setTimeout> | undefined;
  let peer: Peer | undefined;
  let peerId: string | undefined;
  /** Bumped for every new or dropped peer: a peer connection set up for an older one is discarded. */
  let generation = 0;
  /** Signals from the current peer that arrive while its connection is still being set up. */
  let early: Parameters<Peer["receive"]>[0][] = [];
  /** ICE servers fetched while the socket connects, for the first peer connection; later ones fetch their own. */
  let prefetched: Promise<RTCConfiguration> | undefined;

  function dropPeer() {
    generation++;
    peer?.close();
    peer = undefined;
    peerId = undefined;
    early = [];
    setRemoteStream(undefined);
  }

  function tearDown() {
    clearTimeout(retry);
    clearTimeout(alone);
    dropPeer();
    room?.close();
    room = undefined;
    stopStream(localStream());
  }

  function hangUpLocally(note?: MessageKey) {
    tearDown();
    dropTicket(params.id);
    setPhase({ name: "ended", note });
  }

  /** ICE servers for a new peer connection: prefetched for the first, fetched (and retried) for later ones. */
  async function iceConfiguration(ticket: string): Promise<RTCConfiguration | undefined> {
    const first = prefetched;
    prefetched = undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await (attempt === 0 && first ? first : rtcConfiguration(ticket));
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
      }
    }
    return undefined;
  }

  async function connectPeer(participant: Participant, ticket: string, stream: MediaStream) {
    const mine = ++generation;
    peerId = participant.id;
    const configuration = await iceConfiguration(ticket);
    // The roster may have changed, or the screen closed, while the ICE servers were on their way.
    if (disposed || mine !== generation) return;
    if (!configuration) return hangUpLocally("callLost");
    peer = createPeer({
      // The patient yields on offer collisions; the provider never does.
      polite: role() === "patient",
      configuration,
      localStream: stream,
      send: (signal) => room?.send({ ...signal, to: participant.id }),
      onRemoteStream: setRemoteStream,
    });
    for (const signal of early.splice(0)) peer.receive(signal);
  }

  function connect(ticket: string, stream: MediaStream) {
    room = connectRoom(
      `/api/ws/consultation/${encodeURIComponent(params.id)}`,
      {
        message(message) {
          switch (message.type) {
            case "hello":
              // A new connection of ours: the other side will start over with it, and so do we.
              if (me !== undefined && me !== message.you) dropPeer();
              me = message.you;
              reconnects = 0;
              setRole(message.role);
              setPhase({ name: "live" });
              return;
            case "presence": {
              const other = message.participants.find((p) => p.id !== me);
              setPeerInfo(other);
              clearTimeout(alone);
              if (!other) alone = setTimeout(() => hangUpLocally("aloneTooLong"), ALONE_LIMIT_MS);
              if (other?.id === peerId) return;
              // A new connection of the other side (or none): start over with a fresh peer connection.
              dropPeer();
              if (other) {
                setPeerEverSeen(true);
                void connectPeer(other, ticket, stream);
              }
              return;
            }
            case "offer":
            case "answer":
            case "ice":
              // Signaling from an earlier connection of the other side is stale.
              if (message.from !== peerId) return;
              if (peer) peer.receive(message);
              else early.push(message);
              return;
            case "ended":
              return hangUpLocally(message.reason === "replaced" ? "replaced" : undefined);
            case "error":
              if (message.code === "incompatible") return hangUpLocally("reloadNeeded");
              console.warn("anteroom:", message.code, message.message);
              return;
          }
        },
        closed(code) {
          if (disposed || phase().name === "ended") return;
          if (FINAL_CLOSE_CODES.includes(code))
            return hangUpLocally(code === CloseCode.replaced ? "replaced" : undefined);
          const starting = phase().name === "starting";
          const refused = REFUSED_CLOSE_CODES.includes(code);
          const exhausted = reconnects >= (starting ? MAX_FIRST_CONNECTS : MAX_RECONNECTS);
          // The consultation cannot be opened with this ticket: say so, with camera and socket released.
          if (refused || (starting && exhausted)) {
            tearDown();
            if (refused) dropTicket(params.id);
            return setPhase({ name: "failed", problem: "ticketMissing" });
          }
          if (exhausted) return hangUpLocally("callLost");
          // Media may well still flow peer to peer; only signaling dropped. Come back with the same ticket.
          if (!starting) setPhase({ name: "reconnecting" });
          retry = setTimeout(() => connect(ticket, stream), reconnectDelay(reconnects++, 8_000));
        },
      },
      ticket,
    );
  }

  onMount(async () => {
    const ticket = takeTicket(params.id);
    if (!ticket) return setPhase({ name: "failed", problem: "ticketMissing" });
    prefetched = rtcConfiguration(ticket);
    prefetched.catch(() => undefined);
    const media = await takeOrOpenCameraAndMicrophone();
    if (disposed) {
      if (media.ok) stopStream(media.stream);
      return;
    }
    if (!media.ok) return setPhase({ name: "failed", problem: media.problem });
    setLocalStream(media.stream);
    connect(ticket, media.stream);
  });

  onCleanup(() => {
    disposed = true;
    tearDown();
  });

  function hangUp() {
    room?.send(role() === "provider" ? { type: "end" } : { type: "leave" });
    hangUpLocally();
  }

  return (
    <Switch>
      <Match when={phase().name === "failed" && (phase() as Extract<Phase, { name: "failed" }>)}>
        {(failed) => (
          <p class="error card narrow" role="alert" data-testid="call-error">
            {t(failed().problem)}
          </p>
        )}
      </Match>
      <Match when={phase().name === "ended" && (phase() as Extract<Phase, { name: "ended" }>)}>
        {(ended) => (
          <div class="card narrow" role="status" data-testid="call-ended">
            <h1>{t("callEnded")}</h1>
            <p>{ended().note ? t(ended().note as MessageKey) : t("callEndedNothingKept")}</p>
            <Show when={role() === "provider"}>
              <A href="/dashboard">{t("backToDashboard")}</A>
            </Show>
          </div>
        )}
      </Match>
      <Match when={true}>
        <div class="call">
          <div class="stage">
            <Video stream={remoteStream()} testid="remote-video" label={peerInfo()?.name} />
            <Show when={!remoteStream() || phase().name === "reconnecting"}>
              <p class="overlay" role="status" data-testid="call-status">
                {phase().name === "reconnecting"
                  ? t("disconnected")
                  : peerEverSeen() && !peerInfo()
                    ? t("peerLeft")
                    : t("waitingForPeer")}
              </p>
            </Show>
            <Show when={peerInfo()}>{(p) => <span class="name">{p().name}</span>}</Show>
            <div class="self">
              <Video stream={localStream()} muted testid="local-video" />
            </div>
          </div>
          <div class="controls">
            <button type="button" class="danger" data-testid="end-call" onClick={hangUp}>
              {role() === "provider" ? t("endCall") : t("leaveCall")}
            </button>
          </div>
        </div>
      </Match>
    </Switch>
  );
}
