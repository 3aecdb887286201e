// The moderator's two ways to bring someone into the call: a one-off link ("Invite someone") and a
// colleague of the practice by name ("Invite a colleague"). One lazy chunk for both.
import CallInvite from "./call-invite.tsx";
import InviteColleague from "./invite-colleague.tsx";

export default function Invitations(props: { consultationId: string }) {
  return (
    <div class="call-invitations">
      <CallInvite consultationId={props.consultationId} />
      <InviteColleague consultationId={props.consultationId} />
    </div>
  );
}
