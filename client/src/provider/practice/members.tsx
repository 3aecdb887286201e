// The practice's members, for its admins: change a member's role, remove a member.
import { createSignal, For, Show } from "solid-js";
import type { MemberView, Role } from "../../../../schema/api-types.ts";
import { ConfirmQuestion } from "../../forms/confirm-question.tsx";
import { describeError } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { t, tf } from "../../shared/i18n.ts";
import { ActionNotice } from "./notice.tsx";

/** The role picker, the same for a member and for an invitation. */
export function RoleOptions(props: { selected: Role }) {
  return (
    <>
      <option value="provider" selected={props.selected === "provider"}>
        {t("pracRoleProvider")}
      </option>
      <option value="admin" selected={props.selected === "admin"}>
        {t("pracRoleAdmin")}
      </option>
    </>
  );
}

export const asRole = (value: unknown): Role => (value === "admin" ? "admin" : "provider");

function MemberRow(props: { member: MemberView; roleChanged(member: MemberView): void; removed(): void }) {
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  let removeButton: HTMLButtonElement | undefined;

  async function changeRole(select: HTMLSelectElement) {
    const role = asRole(select.value);
    setBusy(true);
    setError(undefined);
    try {
      await api.changeRole(props.member.id, role);
      props.roleChanged({ ...props.member, role });
    } catch (e) {
      // Refused (for example the last admin): the picker shows the role the member still has.
      select.value = props.member.role;
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      await api.removeMember(props.member.id);
      props.removed();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  }

  const cancel = () => {
    setConfirming(false);
    removeButton?.focus();
  };

  return (
    <li class="member" data-testid="member-row">
      <div class="who">
        <strong>{props.member.displayName}</strong>
        <Show when={props.member.you}>
          {" "}
          <span class="badge">{t("pracYou")}</span>
        </Show>
        <br />
        <span class="muted">{props.member.email}</span>
        <br />
        <span class="muted">{props.member.totpEnabled ? t("pracTotpOn") : t("pracTotpOff")}</span>
      </div>
      <div class="row wrap">
        <label class="inline">
          <span class="visually-hidden">{tf("pracRoleOf", { name: props.member.displayName })}</span>
          <select
            data-testid="member-role"
            disabled={busy()}
            onChange={(event) => void changeRole(event.currentTarget)}
          >
            <RoleOptions selected={props.member.role} />
          </select>
        </label>
        {/* One's own account goes through "Delete account" on the account page. */}
        <Show when={!props.member.you && !confirming()}>
          <button
            type="button"
            class="secondary"
            ref={removeButton}
            disabled={busy()}
            aria-label={`${t("pracRemove")}: ${props.member.displayName}`}
            onClick={() => setConfirming(true)}
            data-testid="member-remove"
          >
            {t("pracRemove")}
          </button>
        </Show>
      </div>
      <Show when={confirming()}>
        <ConfirmQuestion
          question={tf("pracRemoveExplain", { name: props.member.displayName })}
          confirmLabel={t("pracRemoveConfirm")}
          confirmTestid="member-remove-confirm"
          keepLabel={t("cancel")}
          busy={busy()}
          confirm={() => void remove()}
          keep={cancel}
        />
      </Show>
      <Show when={error()}>
        <p class="error full" role="alert" data-testid="member-error">
          {error()}
        </p>
      </Show>
    </li>
  );
}

export function MembersSection(props: {
  members: MemberView[];
  refresh(): void;
  roleChanged(member: MemberView): void;
}) {
  const [notice, setNotice] = createSignal<string>();
  return (
    <section class="card" aria-labelledby="members-heading">
      <h2 id="members-heading">{t("pracMembers")}</h2>
      <ActionNotice text={notice()} />
      <ul class="list">
        <For each={props.members}>
          {(member) => (
            <MemberRow
              member={member}
              roleChanged={(changed) => {
                setNotice(undefined);
                props.roleChanged(changed);
              }}
              removed={() => {
                // Cleared first so that a second removal shows (and focuses) a fresh message.
                setNotice(undefined);
                setNotice(tf("pracRemoved", { name: member.displayName }));
                props.refresh();
              }}
            />
          )}
        </For>
      </ul>
    </section>
  );
}
