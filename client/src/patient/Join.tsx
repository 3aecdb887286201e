// An invitation's link, /j/<token>: the join page for a patient with an appointment.
import { useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { api } from "../shared/api.ts";
import { JoinPage, type JoinSource } from "./join-page.tsx";

const inviteSource = (token: string): JoinSource => ({
  key: token,
  path: `/j/${token}`,
  status: () => api.inviteStatus(token),
  join: (body) => api.join(token, body),
  unknown: "inviteUnknown",
});

export default function Join() {
  const params = useParams<{ token: string }>();
  // Keyed: another token is another page, with its own status and ticket.
  return (
    <Show when={params.token} keyed>
      {(token) => <JoinPage source={inviteSource(token)} />}
    </Show>
  );
}
