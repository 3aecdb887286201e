// The consultation: a 1:1 call. Signaling goes through the Consultation object; media flows peer to peer.
import { A, useParams } from "@solidjs/router";
import { createSignal, Match, onCleanup, onMount, Show, Switch } from "solid-js";
import { CloseCode, type Participant, type Role } from "../../../schema/messages.ts";
import { t, type MessageKey } from "../i18n.ts";
import { rtcConfiguration } from "../ice.ts";
import { stopStream, takeOrOpenCameraAndMicrophone } from "../media.ts";
import { createPeer, type Peer } from "../peer.ts";
import { connectRoom, type RoomConnection } from "../socket.ts";
import { dropTicket, takeTicket } from "../tickets.ts";
import { Video } from "../video.tsx";

type Phase = { name: "starting" } | { name: "live" } | { name: "ended"; note?: MessageKey } | { name: "failed"; problem: MessageKey };

export default function Call() {
  const params = useParams<{ id: string }>();
  const [phase, setPhase] = createSignal<Phase>({ name: "starting" });
  const [localStream, setLocalStream] = createSignal<MediaStream>();
  const [remoteStream, setRemoteStream] = createSignal<MediaStream>();
  const [peerInfo, setPeerInfo] = createSignal<Participant>();
  const [peerEverSeen, setPeerEverSeen] = createSignal(false);
  const [role, setRole] = createSignal<Role>();
  let me: string | undefined;
  let room: RoomConnection | undefined;
  let peer: Peer | undefined;
  let peerId: string | undefined;
  /** Signals from the current peer that arrive while its connection is still being set up. */
  let early: Parameters<Peer["receive"]>[0][] = [];
  /** ICE servers fetched while the socket connects, for the first peer connection; later ones fetch their own. */
  let prefetched: Promise<RTCConfiguration> | undefined;

  function hangUpLocally(note?: MessageKey) {
    peer?.close();
    peer = undefined;
    room?.close();
    stopStream(localStream());
    setRemoteStream(undefined);
    dropTicket(params.id);
    setPhase({ name: "ended", note });
  }

  async function connectPeer(participant: Participant, ticket: string, stream: MediaStream) {
    peerId = participant.id;
    early = [];
    let configuration: RTCConfiguration;
    try {
      configuration = await (prefetched ?? rtcConfiguration(ticket));
      prefetched = undefined;
    } catch {
      return setPhase({ name: "failed", problem: "errorGeneric" });
    }
    // The roster may have changed while the ICE servers were on their way.
    if (peerId !== participant.id) return;
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

  onMount(async () => {
    const ticket = takeTicket(params.id);
    if (!ticket) return setPhase({ name: "failed", problem: "ticketMissing" });
    prefetched = rtcConfiguration(ticket);
    prefetched.catch(() => undefined);
    const media = await takeOrOpenCameraAndMicrophone();
    if (!media.ok) return setPhase({ name: "failed", problem: media.problem });
    setLocalStream(media.stream);
    room = connectRoom(`/api/ws/consultation/${encodeURIComponent(params.id)}?ticket=${encodeURIComponent(ticket)}`, {
      message(message) {
        switch (message.type) {
          case "hello":
            me = message.you;
            setRole(message.role);
            setPhase({ name: "live" });
            return;
          case "presence": {
            const other = message.participants.find((p) => p.id !== me);
            setPeerInfo(other);
            if (other?.id === peerId) return;
            // A new connection of the other side (or none): start over with a fresh peer connection.
            peer?.close();
            peer = undefined;
            peerId = undefined;
            setRemoteStream(undefined);
            if (other) {
              setPeerEverSeen(true);
              void connectPeer(other, ticket, media.stream);
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
            console.warn("anteroom:", message.code, message.message);
            return;
        }
      },
      closed(code) {
        if (code === CloseCode.ended || code === CloseCode.replaced) return hangUpLocally(code === CloseCode.replaced ? "replaced" : undefined);
        if (phase().name === "starting") return setPhase({ name: "failed", problem: "ticketMissing" });
        hangUpLocally();
      },
    });
  });

  onCleanup(() => {
    peer?.close();
    room?.close();
    stopStream(localStream());
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
            <p>{ended().note ? t(ended().note!) : t("callEndedNothingKept")}</p>
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
            <Show when={!remoteStream()}>
              <p class="overlay" role="status" data-testid="call-status">
                {peerEverSeen() && !peerInfo() ? t("peerLeft") : t("waitingForPeer")}
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
