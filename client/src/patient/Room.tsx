// A provider's personal room, /r/<practice>/<room>: the join page for a walk-in patient, without an
// appointment. Every answer but "open" reads the same (unknown, switched off, renamed): no hint which.
import { useParams } from "@solidjs/router";
import { Show } from "solid-js";
import type { InviteStatus, RoomStatus } from "../../../schema/api-types.ts";
import { api } from "../shared/api.ts";
import { JoinPage, type JoinSource } from "./join-page.tsx";

/** The room's answer in the join page's terms: open is a valid link, anything else an unknown one. */
function asLinkStatus(room: RoomStatus): InviteStatus {
  const { status, code: _code, error: _error, ...shown } = room;
  return status === "open" ? { status: "valid", ...shown } : { status: "unknown" };
}

const roomSource = (practice: string, room: string): JoinSource => ({
  // Lowercase: the same room typed with capitals keeps the same waiting ticket.
  key: `room:${practice.toLowerCase()}/${room.toLowerCase()}`,
  path: `/r/${practice}/${room}`,
  status: async () => asLinkStatus(await api.roomStatus(practice, room)),
  join: (body) => api.joinRoom(practice, room, body),
  unknown: "roomUnavailable",
  hint: "walkInHint",
  goneCode: "room-unavailable",
});

export default function Room() {
  const params = useParams<{ practice: string; room: string }>();
  return (
    <Show when={`${params.practice}/${params.room}`} keyed>
      {(_room) => <JoinPage source={roomSource(params.practice, params.room)} />}
    </Show>
  );
}
