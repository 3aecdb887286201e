// An appointment's invitations under its row: whom each is for, whether its link works, and what the
// practice can do with it: add one with a label, see a just-issued link (copy, QR code), withdraw a
// link (asked first, saying what happens), issue a new link, send a just-issued link by e-mail or SMS
// (invite-send.tsx). A link is shown only when it is issued.
import { createResource, createSignal, For, Show } from "solid-js";
import type { AppointmentInvitationView, InviteLink } from "../../../../schema/api-types.ts";
import { MAX_INVITATION_LABEL_LENGTH } from "../../../../schema/limits.ts";
import { ConfirmQuestion } from "../../forms/confirm-question.tsx";
import { CopyButton } from "../../forms/copy-button.tsx";
import { describeError } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { t, tf } from "../../shared/i18n.ts";
import { focusWhenShown } from "../../shared/page.ts";
import { dateTimeShort } from "../calendar/calendar-format.ts";
import { useDisplayZone } from "../calendar/display-zone.ts";
import { createCommittedLink, practiceCommitment } from "../committed-link.ts";
import { InvitationCode } from "./invitation-code.tsx";
import { labelText, labelToStore, PRESET_LABELS } from "./invitation-label.ts";
import { InviteSend } from "./invite-send.tsx";
import { issuedLinkNote } from "./issued-link-note.ts";

/** A link just issued, and the invitation it belongs to (none: the appointment's first, shown above the list). */
export interface IssuedLink {
  invite: InviteLink;
  invitationId?: string;
  /** The appointment it belongs to: cancelling that takes the link off the page (issued-after-change.ts). */
  appointmentId?: string;
  /** A new appointment's link (shown above the list): its invitation, so that it can be sent at once. */
  firstInvitationId?: string;
  /** That appointment's start. */
  firstStartsAt?: string;
}

/** In the dashboard's zone, like the appointment's time beside it: a browser elsewhere must not shift it. */
const stateText = (invitation: AppointmentInvitationView, zone: string) => {
  if (invitation.state === "withdrawn") return t("invitationWithdrawn");
  if (invitation.state === "expired") return t("invitationExpired");
  return tf("invitationValid", { time: dateTimeShort(Date.parse(invitation.validUntil), zone) });
};

export function Invitations(props: {
  appointmentId: string;
  /** The appointment's start: a reminder already past is not offered when sending a link. */
  startsAt?: string;
  /** The appointment can still get links (neither cancelled nor over). */
  open: boolean;
  issued: IssuedLink | undefined;
  issue(link: IssuedLink): void;
}) {
  const [list, { refetch }] = createResource(
    () => props.appointmentId,
    (id) => api.appointmentInvitations(id).then((r) => r.invitations),
  );
  const [adding, setAdding] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [said, setSaid] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let container: HTMLDivElement | undefined;
  let addButton: HTMLButtonElement | undefined;
  let statusLine: HTMLParagraphElement | undefined;

  /**
   * After the list is drawn anew, the keyboard continues at `selector` inside it; at a new link once it
   * is shown, with its commitment (committed-link.ts).
   */
  async function reloadAndFocus(selector: () => HTMLElement | null | undefined, link = false) {
    await refetch();
    if (link) await practiceCommitment();
    queueMicrotask(() => selector()?.focus());
  }

  const linkField = (invitationId: string) =>
    container?.querySelector<HTMLInputElement>(`[data-invitation-id="${invitationId}"] [data-testid="invite-link"]`);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    setSaid(undefined);
    try {
      await work();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const create = (label: string) =>
    act(async () => {
      const result = await api.addInvitation(props.appointmentId, labelToStore(label));
      setAdding(false);
      props.issue({ invite: result.invite, invitationId: result.invitation.id, appointmentId: props.appointmentId });
      await reloadAndFocus(() => linkField(result.invitation.id), true);
    });

  const renew = (invitation: AppointmentInvitationView) =>
    act(async () => {
      const result = await api.newInvitationLink(invitation.id);
      props.issue({ invite: result.invite, invitationId: result.invitation.id, appointmentId: props.appointmentId });
      await reloadAndFocus(() => linkField(result.invitation.id), true);
    });

  const withdraw = (invitation: AppointmentInvitationView) =>
    act(async () => {
      await api.withdrawAppointmentInvitation(invitation.id);
      setSaid(tf("inviteWithdrawnDone", { label: labelText(invitation.label) }));
      await reloadAndFocus(() => statusLine);
    });

  return (
    <div class="invitations full" ref={container}>
      <h3>{t("invitations")}</h3>
      <ul class="list">
        <For each={list() ?? []}>
          {(invitation) => (
            <Invitation
              invitation={invitation}
              startsAt={props.startsAt}
              open={props.open}
              busy={busy()}
              link={props.issued?.invitationId === invitation.id ? props.issued.invite : undefined}
              withdraw={() => withdraw(invitation)}
              renew={() => renew(invitation)}
            />
          )}
        </For>
      </ul>
      <p class="status ok" role="status" tabindex="-1" ref={statusLine}>
        {said()}
      </p>
      <Show when={error()}>
        <p class="error" role="alert" data-testid="invitation-error">
          {error()}
        </p>
      </Show>
      <Show when={props.open}>
        <Show
          when={adding()}
          fallback={
            <button
              type="button"
              class="secondary"
              ref={addButton}
              data-testid="invitation-add"
              onClick={() => setAdding(true)}
            >
              {t("invitationAdd")}
            </button>
          }
        >
          <AddInvitation
            appointmentId={props.appointmentId}
            busy={busy()}
            create={create}
            close={() => {
              setAdding(false);
              queueMicrotask(() => addButton?.focus());
            }}
          />
        </Show>
      </Show>
    </div>
  );
}

function AddInvitation(props: { appointmentId: string; busy: boolean; create(label: string): void; close(): void }) {
  const listId = `invitation-labels-${props.appointmentId}`;
  let field: HTMLInputElement | undefined;
  return (
    // A form: Enter in the field saves, as the button does.
    <form
      class="row wrap"
      onSubmit={(e) => {
        e.preventDefault();
        if (field?.value.trim()) props.create(field.value);
        else field?.focus();
      }}
    >
      <label>
        {t("invitationLabel")}
        <input
          ref={(element) => {
            field = element;
            focusWhenShown(element);
          }}
          name="label"
          required
          maxLength={MAX_INVITATION_LABEL_LENGTH}
          list={listId}
          autocomplete="off"
          data-testid="invitation-label"
          onKeyDown={(e) => {
            if (e.key === "Escape") props.close();
          }}
        />
        <datalist id={listId}>
          <For each={PRESET_LABELS}>{(key) => <option value={labelText(key)} />}</For>
        </datalist>
      </label>
      <button type="submit" disabled={props.busy} data-testid="invitation-create">
        {t("invitationCreate")}
      </button>
      <button type="button" class="secondary" onClick={() => props.close()}>
        {t("cancel")}
      </button>
    </form>
  );
}

function Invitation(props: {
  invitation: AppointmentInvitationView;
  startsAt: string | undefined;
  open: boolean;
  busy: boolean;
  link: InviteLink | undefined;
  withdraw(): void;
  renew(): void;
}) {
  const [asking, setAsking] = createSignal(false);
  const [qr, setQr] = createSignal<string | "failed">();
  // Shown once it carries the practice's key commitment: the field, the copy and the QR code alike.
  const committed = createCommittedLink(() => props.link?.inviteUrl);
  const zone = useDisplayZone();
  let withdrawButton: HTMLButtonElement | undefined;
  const label = () => labelText(props.invitation.label);

  function showQr() {
    // Its own chunk, shared with the account page's 2FA enrolment: loaded only by whoever asks for it.
    import("../account/qr.ts")
      .then(({ qrCodeImage }) => setQr(qrCodeImage(committed() ?? "")))
      .catch(() => setQr("failed"));
  }

  return (
    <li
      class="invitation"
      data-testid="invitation"
      data-invitation-id={props.invitation.id}
      data-label={props.invitation.label}
      data-state={props.invitation.state}
    >
      <span class="what">
        <strong>{label()}</strong> <span class="muted">{stateText(props.invitation, zone)}</span>
      </span>
      <Show when={props.link && committed()}>
        {(url) => (
          <>
            <div class="full" role="status">
              <p>{issuedLinkNote(props.invitation.label)}</p>
              <div class="row">
                <input
                  readonly
                  value={url()}
                  data-testid="invite-link"
                  aria-label={tf("invitationLinkFor", { label: label() })}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <CopyButton text={url()} testid="invite-copy" />
                <button type="button" class="secondary" data-testid="invite-qr" onClick={showQr}>
                  {t("inviteQr")}
                </button>
              </div>
              <Show when={qr() === "failed"}>
                <p class="error">{t("inviteQrFailed")}</p>
              </Show>
              <Show when={qr() !== "failed" && qr()}>
                {(image) => (
                  <img class="qr" src={image()} width={232} height={232} alt={tf("inviteQrAlt", { label: label() })} />
                )}
              </Show>
            </div>
            {/* Outside the status region above: the form's changes are not announced as the link's. */}
            <Show when={props.open && props.invitation.state === "valid"}>
              <InviteSend
                invitationId={props.invitation.id}
                inviteUrl={props.link?.inviteUrl ?? url()}
                startsAt={props.startsAt}
              />
            </Show>
          </>
        )}
      </Show>
      <Show when={props.open && props.invitation.state === "valid"}>
        <InvitationCode invitationId={props.invitation.id} label={label()} />
      </Show>
      <Show when={props.open && !asking()}>
        <span class="row wrap">
          <Show when={props.invitation.state === "valid"}>
            <button
              type="button"
              class="secondary"
              ref={withdrawButton}
              data-testid="invite-withdraw"
              onClick={() => setAsking(true)}
            >
              {t("inviteWithdraw")}
            </button>
          </Show>
          <button
            type="button"
            class="secondary"
            disabled={props.busy}
            data-testid="invite-new-link"
            onClick={() => props.renew()}
          >
            {t("inviteNewLink")}
          </button>
        </span>
      </Show>
      <Show when={asking()}>
        <ConfirmQuestion
          class="full"
          question={tf("inviteWithdrawQuestion", { label: label() })}
          confirmLabel={t("inviteWithdrawConfirm")}
          confirmTestid="invite-withdraw-confirm"
          keepLabel={t("inviteWithdrawKeep")}
          busy={props.busy}
          confirm={() => props.withdraw()}
          keep={() => {
            setAsking(false);
            queueMicrotask(() => withdrawButton?.focus());
          }}
        />
      </Show>
    </li>
  );
}
