import { beforeEach, describe, expect, it } from "vitest";
import {
  ALONE_LIMIT_MS,
  type CallSession,
  createCallSession,
  MAX_RECONNECTS,
  MEDIA_CONNECT_LIMIT_MS,
} from "../../client/src/call/session.ts";
import { CloseCode, type Role } from "../../schema/messages.ts";
import { FakeClock } from "./fake-clock.ts";
import { FakeConsultation } from "./fake-consultation.ts";
import { FakePeerConnection } from "./fake-peer-connection.ts";
import { FakeWebSocket } from "./fake-socket.ts";

/** Lets every queued promise, relayed message and gathered candidate through; the fake clock's timers do not move. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

function fakeStream(): MediaStream {
  const tracks = [
    { kind: "audio", stop() {} },
    { kind: "video", stop() {} },
  ];
  return { getTracks: () => tracks } as unknown as MediaStream;
}

interface Side {
  session: CallSession;
  pcs: FakePeerConnection[];
  /** The newest peer connection of this side. */
  pc(): FakePeerConnection;
  ticketsForgotten: number;
}

let clock: FakeClock;
let room: FakeConsultation;

beforeEach(() => {
  FakeWebSocket.reset();
  FakePeerConnection.reset();
  clock = new FakeClock();
  room = new FakeConsultation();
});

function join(
  role: Role,
  iceConfiguration: () => Promise<RTCConfiguration> = async () => ({ iceServers: [] }),
  start = true,
): Side {
  const pcs: FakePeerConnection[] = [];
  const side: Side = {
    pcs,
    pc() {
      const pc = pcs.at(-1);
      if (!pc) throw new Error(`${role} has no peer connection`);
      return pc;
    },
    ticketsForgotten: 0,
    session: createCallSession({
      consultationId: "c1",
      ticket: `${role}-ticket`,
      iceConfiguration,
      createConnection: (configuration) => {
        const pc = new FakePeerConnection(configuration);
        pcs.push(pc);
        return pc;
      },
      forgetTicket: () => side.ticketsForgotten++,
      socket: room.Socket,
      clock,
      base: "https://anteroom.test/c/c1",
      random: () => 1,
    }),
  };
  if (start) side.session.start(fakeStream());
  return side;
}

/** Provider and patient in the call, their first negotiation done. */
async function bothInCall(): Promise<{ provider: Side; patient: Side }> {
  const provider = join("provider");
  await settle();
  const patient = join("patient");
  await settle();
  return { provider, patient };
}

describe("a call session", () => {
  it("connects: the provider offers, the patient answers with its tracks, both end stable on one negotiation", async () => {
    const { provider, patient } = await bothInCall();
    expect(provider.session.state.phase).toEqual({ name: "live" });
    expect(patient.pc().tracks).toHaveLength(2);
    expect(provider.pc().signalingState).toBe("stable");
    expect(patient.pc().signalingState).toBe("stable");
    expect(provider.pc().negotiations).toEqual(patient.pc().negotiations);
    expect(provider.pc().negotiations).toHaveLength(1);
    expect(patient.session.state.media).toBe("connecting");
  });

  it("settles an offer collision: the patient rolls back its own offer and both agree on the provider's", async () => {
    const { provider, patient } = await bothInCall();
    provider.pc().drive("connected");
    patient.pc().drive("connected");
    // Both lose the media path at once, and both restart ICE, so both offer at once.
    provider.pc().drive("failed");
    patient.pc().drive("failed");
    await settle();
    expect(provider.pc().iceRestarts).toBe(1);
    expect(patient.pc().iceRestarts).toBe(1);
    expect(patient.pc().rollbacks).toBe(1);
    expect(provider.pc().signalingState).toBe("stable");
    expect(patient.pc().signalingState).toBe("stable");
    const agreed = provider.pc().negotiations.at(-1);
    expect(agreed).toMatch(new RegExp(`^offer-2-from-${provider.pc().name}$`));
    expect(patient.pc().negotiations.at(-1)).toBe(agreed);
    // The provider never took the patient's offer.
    expect(provider.pc().remoteDescription?.type).toBe("answer");
  });

  it("applies signals that arrive before its peer connection is set up, in order, once it is", async () => {
    const provider = join("provider");
    await settle();
    let iceServersArrive: (configuration: RTCConfiguration) => void = () => {};
    const slowIce = new Promise<RTCConfiguration>((resolve) => {
      iceServersArrive = resolve;
    });
    const patient = join("patient", () => slowIce);
    await settle();
    // The provider's offer and candidate are there; the patient is still fetching ICE servers.
    expect(patient.pcs).toHaveLength(0);
    expect(provider.pc().signalingState).toBe("have-local-offer");

    iceServersArrive({ iceServers: [] });
    await settle();
    expect(patient.pc().remoteDescription?.sdp).toBe(provider.pc().localDescription?.sdp);
    // A candidate applied before its offer would have been refused.
    expect(patient.pc().candidates).toEqual([
      { candidate: `candidate:${provider.pc().name}`, sdpMid: "0", sdpMLineIndex: 0 },
    ]);
    expect(provider.pc().signalingState).toBe("stable");
    expect(patient.pc().signalingState).toBe("stable");
  });

  it("reconnects dropped signaling with the same ticket after a backoff, and both sides build new peer connections", async () => {
    const { provider, patient } = await bothInCall();
    room.drop("patient");
    expect(patient.session.state.phase).toEqual({ name: "reconnecting" });
    expect(clock.runNext()).toBe(500);
    await settle();
    expect(room.tickets).toEqual(["provider-ticket", "patient-ticket", "patient-ticket"]);
    expect(patient.session.state.phase).toEqual({ name: "live" });
    expect(patient.pcs).toHaveLength(2);
    expect(provider.pcs).toHaveLength(2);
    expect(provider.pcs[0]?.closed).toBe(true);
    expect(patient.pc().signalingState).toBe("stable");
    expect(provider.pc().negotiations).toEqual(patient.pc().negotiations);
  });

  it("gives up on signaling after the limit, waiting longer each time, and says the call was lost", async () => {
    const { patient } = await bothInCall();
    // Media keeps flowing peer to peer; only signaling is gone.
    patient.pc().drive("connected");
    room.down = true;
    room.drop("patient");
    const delays: number[] = [];
    while (patient.session.state.phase.name === "reconnecting") {
      delays.push(clock.runNext());
      await settle();
    }
    expect(delays).toHaveLength(MAX_RECONNECTS);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays.at(-1)).toBeGreaterThan(delays[0] ?? 0);
    expect(patient.session.state.phase).toEqual({ name: "ended", note: "callLost" });
    expect(patient.ticketsForgotten).toBe(1);
    expect(patient.pcs.every((pc) => pc.closed)).toBe(true);
  });

  it("says the connection was lost while the media path is disconnected, and connected when it is back", async () => {
    const { patient } = await bothInCall();
    patient.pc().drive("connected");
    expect(patient.session.state.media).toBe("connected");
    patient.pc().drive("disconnected");
    expect(patient.session.state.media).toBe("reconnecting");
    patient.pc().drive("connected");
    expect(patient.session.state.media).toBe("connected");
  });

  it("restarts ICE when the media path fails, reports failure if it is still not through in time, and Try again starts over", async () => {
    const { provider, patient } = await bothInCall();
    patient.pc().drive("connected");
    patient.pc().drive("failed");
    expect(patient.pc().iceRestarts).toBe(1);
    expect(patient.session.state.media).toBe("reconnecting");
    await settle();
    clock.advance(MEDIA_CONNECT_LIMIT_MS - 1);
    expect(patient.session.state.media).toBe("reconnecting");
    clock.advance(1);
    expect(patient.session.state.media).toBe("failed");

    const failedPc = patient.pc();
    patient.session.retry();
    await settle();
    expect(failedPc.closed).toBe(true);
    expect(room.tickets).toEqual(["provider-ticket", "patient-ticket", "patient-ticket"]);
    expect(patient.pcs).toHaveLength(2);
    expect(provider.pcs).toHaveLength(2);
    expect(patient.session.state.media).toBe("connecting");
    expect(patient.pc().signalingState).toBe("stable");
  });

  it("tells both sides when the media path never gets through", async () => {
    const { provider, patient } = await bothInCall();
    clock.advance(MEDIA_CONNECT_LIMIT_MS);
    expect(provider.session.state.media).toBe("failed");
    expect(patient.session.state.media).toBe("failed");
  });

  it("reports failure at once when the media path fails again after a restart", async () => {
    const { patient } = await bothInCall();
    patient.pc().drive("failed");
    patient.pc().drive("connecting");
    patient.pc().drive("failed");
    expect(patient.pc().iceRestarts).toBe(1);
    expect(patient.session.state.media).toBe("failed");
  });

  it("ends a call nobody else has been in for two minutes, with the 'alone' note", async () => {
    const provider = join("provider");
    await settle();
    clock.advance(ALONE_LIMIT_MS - 1);
    expect(provider.session.state.phase).toEqual({ name: "live" });
    clock.advance(1);
    expect(provider.session.state.phase).toEqual({ name: "ended", note: "aloneTooLong" });
    expect(provider.ticketsForgotten).toBe(1);
    expect(FakeWebSocket.latest().closedWith).toBe(1000);
  });

  it("does not end the call while the other side is there", async () => {
    const { provider } = await bothInCall();
    clock.advance(ALONE_LIMIT_MS * 2);
    expect(provider.session.state.phase.name).not.toBe("ended");
  });

  it("ends for both when the provider ends the consultation", async () => {
    const { provider, patient } = await bothInCall();
    provider.session.hangUp();
    await settle();
    expect(provider.session.state.phase).toEqual({ name: "ended", note: undefined });
    expect(patient.session.state.phase).toEqual({ name: "ended", note: undefined });
    expect(patient.pcs.every((pc) => pc.closed)).toBe(true);
  });

  it("tells the other side when the patient leaves", async () => {
    const { provider, patient } = await bothInCall();
    patient.session.hangUp();
    await settle();
    expect(patient.session.state.phase.name).toBe("ended");
    expect(provider.session.state.peer).toBeUndefined();
    expect(provider.session.state.peerEverSeen).toBe(true);
    expect(provider.session.state.media).toBe("none");
  });

  it("says the consultation cannot be opened when the ticket is refused, and forgets the ticket", async () => {
    room.refuseWith = CloseCode.unauthorized;
    const patient = join("patient");
    await settle();
    expect(patient.session.state.phase).toEqual({ name: "failed", problem: "ticketMissing", code: 4401 });
    expect(patient.ticketsForgotten).toBe(1);
    expect(clock.pendingDelays()).toEqual([]);
  });

  it("says the consultation cannot be opened when the first connection never works", async () => {
    room.down = true;
    const patient = join("patient");
    await settle();
    while (patient.session.state.phase.name === "starting") {
      clock.runNext();
      await settle();
    }
    expect(patient.session.state.phase).toMatchObject({ name: "failed", problem: "ticketMissing" });
  });

  it("retries fetching ICE servers before giving up on the call", async () => {
    let fetches = 0;
    const provider = join("provider");
    await settle();
    const patient = join("patient", async () => {
      fetches++;
      if (fetches < 3) throw new Error("relay-unavailable");
      return { iceServers: [] };
    });
    await settle();
    clock.runNext();
    await settle();
    clock.runNext();
    await settle();
    expect(fetches).toBe(3);
    expect(patient.pcs).toHaveLength(1);
    expect(provider.pc().signalingState).toBe("stable");
  });
});
