// Pending invitations of colleagues, and the form that sends a new one.
import { createSignal, For, Show } from "solid-js";
import type { InvitationView } from "../../../../schema/api-types.ts";
import { MAX_EMAIL_LENGTH } from "../../../../schema/limits.ts";
import { Field } from "../../forms/field.tsx";
import { Form } from "../../forms/form.tsx";
import { createSubmit, describeError } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { formatDateTime, t, tf } from "../../shared/i18n.ts";
import { asRole, RoleOptions } from "./members.tsx";
import { ActionNotice } from "./notice.tsx";

const roleName = (role: InvitationView["role"]) => (role === "admin" ? t("pracRoleAdmin") : t("pracRoleProvider"));

function InvitationRow(props: { invitation: InvitationView; withdrawn(): void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  async function withdraw() {
    setBusy(true);
    setError(undefined);
    try {
      await api.withdrawInvitation(props.invitation.id);
      props.withdrawn();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  }
  return (
    <li class="member" data-testid="invitation-row">
      <div class="who">
        <strong>{props.invitation.email}</strong>
        <br />
        <span class="muted">
          {roleName(props.invitation.role)} · {t("pracExpires")} {formatDateTime(props.invitation.expiresAt)}
        </span>
      </div>
      <button
        type="button"
        class="secondary"
        disabled={busy()}
        aria-label={`${t("pracWithdraw")}: ${props.invitation.email}`}
        onClick={withdraw}
        data-testid="invitation-withdraw"
      >
        {t("pracWithdraw")}
      </button>
      <Show when={error()}>
        <p class="error full" role="alert">
          {error()}
        </p>
      </Show>
    </li>
  );
}

export function InvitationsSection(props: { invitations: InvitationView[]; refresh(): void }) {
  const [notice, setNotice] = createSignal<string>();
  return (
    <section class="card" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t("pracInvitations")}</h2>
      <ActionNotice text={notice()} />
      <Show
        when={props.invitations.length > 0}
        fallback={
          <p class="muted" data-testid="invitations-empty">
            {t("pracNoInvitations")}
          </p>
        }
      >
        <ul class="list">
          <For each={props.invitations}>
            {(invitation) => (
              <InvitationRow
                invitation={invitation}
                withdrawn={() => {
                  // Cleared first so that a second withdrawal shows (and focuses) a fresh message.
                  setNotice(undefined);
                  setNotice(tf("pracWithdrawn", { email: invitation.email }));
                  props.refresh();
                }}
              />
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

export function InviteSection(props: { invited(): void }) {
  const [sentTo, setSentTo] = createSignal<string>();
  let form: HTMLFormElement | undefined;
  const sending = createSubmit(async (data) => {
    setSentTo(undefined);
    const email = String(data.get("email")).trim();
    await api.inviteMember({ email, role: asRole(data.get("role")) });
    form?.reset();
    setSentTo(email);
    props.invited();
  });
  return (
    <section class="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t("pracInvite")}</h2>
      <p class="muted">{t("pracInviteExplain")}</p>
      <Form
        ref={form}
        submission={sending}
        submitLabel={t("pracInviteSend")}
        submitTestid="member-invite-submit"
        status={
          <Show when={sentTo()}>
            {(email) => <span data-testid="member-invite-sent">{tf("pracInviteSent", { email: email() })}</span>}
          </Show>
        }
      >
        <Field
          label={t("email")}
          name="email"
          type="email"
          required
          maxLength={MAX_EMAIL_LENGTH}
          autocomplete="off"
          data-testid="member-invite-email"
        />
        <label>
          {t("pracRole")}
          <select name="role" data-testid="member-invite-role">
            <RoleOptions selected="provider" />
          </select>
        </label>
      </Form>
    </section>
  );
}
