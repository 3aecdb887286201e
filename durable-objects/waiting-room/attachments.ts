// Who is on each socket of a waiting room, as the room keeps it in the socket's attachment (it survives
// hibernation with the socket), and the two ways the room shows a waiting patient to others.
import type { WaitingIdentity, WaitingTicket } from "../../schema/identity.ts";
import type { WaitingPatient, WaitingRoomToPatient, WaitingRoomToProvider } from "../../schema/messages.ts";
import type { SealedName } from "../../schema/sealed-name.ts";
import type { RoomSocket } from "../socket.ts";
import type { StatusAttachment } from "./room-status.ts";

type ProviderIdentity = Extract<WaitingIdentity, { role: "provider" }>;
type PatientIdentity = Extract<WaitingIdentity, { role: "patient" }>;

/** What the room adds to a patient's socket. */
export type PatientAttachment = PatientIdentity & {
  connectionId: string;
  device?: WaitingPatient["device"];
  onHold?: boolean;
  /** The practice's words with the hold, told again when the patient's page connects again. */
  holdMessage?: string | null;
  /** Came back through their link while their consultation still runs: its provider may let them back in. */
  returningTo?: string;
  /** Their name as their page sealed it to the practice's device keys: relayed, never opened here. */
  sealedName?: SealedName;
};
export type ProviderAttachment = ProviderIdentity & StatusAttachment & { connectionId: string };
export type WaitingAttachment = PatientAttachment | ProviderAttachment;

/** A patient's socket: it hears what the waiting room tells patients, and nothing meant for providers. */
export type PatientSocket = RoomSocket<PatientAttachment, WaitingRoomToPatient>;
export type ProviderSocket = RoomSocket<ProviderAttachment, WaitingRoomToProvider>;
export type WaitingSocket = PatientSocket | ProviderSocket;
/** A socket of this room as the platform (or a test) hands it over, before its recorded role is read. */
export type AcceptedSocket = RoomSocket<WaitingAttachment, WaitingRoomToPatient | WaitingRoomToProvider>;

export function isProvider(socket: AcceptedSocket | WaitingSocket): socket is ProviderSocket {
  return socket.attachment.role === "provider";
}

export function isPatient(socket: AcceptedSocket | WaitingSocket): socket is PatientSocket {
  return socket.attachment.role === "patient";
}

/** The socket typed by the role recorded when it was accepted; undefined for a role this room does not know. */
export function byRole(socket: AcceptedSocket): WaitingSocket | undefined {
  if (isProvider(socket)) return socket;
  if (isPatient(socket)) return socket;
  return undefined;
}

/** What providers see of a waiting patient. */
export function view(patient: PatientAttachment): WaitingPatient {
  return {
    id: patient.connectionId,
    sealedFor: patient.inviteId,
    ...(patient.sealedName ? { sealedName: patient.sealedName } : {}),
    waitingSince: patient.waitingSince,
    appointment: patient.appointment ?? null,
    device: patient.device ?? null,
    onHold: patient.onHold ?? false,
    // Absent for a patient who arrived before labels existed: the wire shape stays as it was.
    ...(patient.label ? { label: patient.label } : {}),
    ...(patient.walkIn ? { walkIn: patient.walkInWith ? { with: patient.walkInWith } : {} } : {}),
  };
}

/** A fresh waiting ticket for this patient as they wait now: same invite, same expiry. */
export function waitingTicket(patient: PatientAttachment, id: string, now: number): WaitingTicket {
  return {
    kind: "waiting",
    id,
    providerId: patient.providerId,
    appointmentId: patient.appointmentId,
    inviteId: patient.inviteId,
    waitingSince: patient.waitingSince,
    issuedAt: now,
    exp: patient.ticketExpiresAt,
    room: patient.room,
    ...(patient.walkIn ? { walkIn: true as const } : {}),
  };
}
