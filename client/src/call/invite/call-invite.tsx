// "Invite someone": the moderator makes a one-off link into this call for a relative, an interpreter or a
// colleague. The link works until the call ends; the person passes the usual join page and waits in the
// waiting room, shown in "Waiting to join this call" (for-this-call.tsx) until added. Provider-only and
// lazy (call-waiting.tsx loads it for the moderator), so no patient's page carries a byte of it.
import { createSignal, Show } from "solid-js";
import type { AppointmentInvitationIssued } from "../../../../schema/api-types.ts";
import { CopyButton } from "../../forms/copy-button.tsx";
import { describeError } from "../../forms/submit.ts";
import { labelText } from "../../provider/appointments/invitation-label.ts";
import { practiceCommitment, withCommitment } from "../../provider/committed-link.ts";
import { api } from "../../shared/api.ts";
import { t } from "../../shared/i18n.ts";
import "./call-invite.css";
import "./i18n-call-invite.ts";
import { InvitePanel } from "./invite-panel.tsx";

/** Whom a link from the call may be for: never the patient, who has the appointment's own link. */
const LABELS = ["relative", "interpreter", "colleague"] as const;

export default function CallInvite(props: { consultationId: string }) {
  const [open, setOpen] = createSignal(false);
  const [label, setLabel] = createSignal<string>(LABELS[0]);
  const [busy, setBusy] = createSignal(false);
  const [issued, setIssued] = createSignal<AppointmentInvitationIssued>();
  const [error, setError] = createSignal<string>();
  let toggle: HTMLButtonElement | undefined;
  let select: HTMLSelectElement | undefined;
  let link: HTMLInputElement | undefined;

  function show() {
    setOpen(true);
    // Focus follows the action: into the panel, on its first choice.
    queueMicrotask(() => select?.focus());
  }
  function close() {
    setOpen(false);
    setIssued(undefined);
    setError(undefined);
    toggle?.focus();
  }
  async function create(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setError(undefined);
    try {
      const made = await api.inviteToCall(props.consultationId, label());
      // Shown (and copyable) only with the practice's key commitment in its fragment (committed-link.ts).
      const inviteUrl = withCommitment(made.invite.inviteUrl, await practiceCommitment());
      setIssued({ ...made, invite: { ...made.invite, inviteUrl } });
      queueMicrotask(() => link?.select());
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }
  function another() {
    setIssued(undefined);
    queueMicrotask(() => select?.focus());
  }

  return (
    <InvitePanel
      testid="call-invite"
      label={t("callInvite")}
      title={t("callInviteTitle")}
      hint={t("callInviteHint")}
      open={open()}
      show={show}
      close={close}
      toggleRef={(button) => {
        toggle = button;
      }}
    >
      <Show
        when={issued()}
        fallback={
          <form onSubmit={create}>
            <label for="call-invite-label">{t("callInviteWho")}</label>
            <select
              id="call-invite-label"
              ref={select}
              data-testid="call-invite-label"
              value={label()}
              onChange={(event) => setLabel(event.currentTarget.value)}
            >
              {LABELS.map((key) => (
                <option value={key}>{labelText(key)}</option>
              ))}
            </select>
            <button type="submit" data-testid="call-invite-create" aria-disabled={busy() || undefined}>
              {busy() ? t("callInviteCreating") : t("callInviteCreate")}
            </button>
          </form>
        }
      >
        {(made) => (
          <div class="call-invite-made" role="status">
            <label for="call-invite-link">{`${t("callInviteLink")} (${labelText(made().invitation.label)})`}</label>
            <div class="row">
              <input
                id="call-invite-link"
                ref={link}
                readonly
                value={made().invite.inviteUrl}
                data-testid="call-invite-link"
                onFocus={(event) => event.currentTarget.select()}
              />
              <CopyButton
                text={made().invite.inviteUrl}
                testid="call-invite-copy"
                words={{ copy: "callInviteCopy", copied: "callInviteCopied" }}
              />
            </div>
            <button type="button" class="secondary" onClick={another}>
              {t("callInviteAnother")}
            </button>
          </div>
        )}
      </Show>
      <Show when={error()}>
        {(message) => (
          <p role="alert" class="error" data-testid="call-invite-failed">
            {message()}
          </p>
        )}
      </Show>
    </InvitePanel>
  );
}
