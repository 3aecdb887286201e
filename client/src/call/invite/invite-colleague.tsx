// "Invite a colleague": the moderator asks a member of the practice by name to join this call. Their
// dashboard asks them (waiting/call-request.tsx), with no patient's name; they come in without a waiting
// room. Provider-only and lazy, in the same chunk as "Invite someone".
import { createEffect, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import type { ColleagueInvited, ConsultationColleagues } from "../../../../schema/api-types.ts";
import { describeError } from "../../forms/submit.ts";
import { apiGet, apiPost, pathSegment } from "../../shared/api.ts";
import { t, tf } from "../../shared/i18n.ts";
import "./call-invite.css";
import "./i18n-call-invite.ts";
import { InvitePanel } from "./invite-panel.tsx";

export default function InviteColleague(props: { consultationId: string }) {
  const [open, setOpen] = createSignal(false);
  const [chosen, setChosen] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [asked, setAsked] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const path = () => `/api/consultations/${pathSegment(props.consultationId)}/colleagues`;
  // Loaded when the panel opens (and again each time): members join and leave the practice.
  const [colleagues, { refetch }] = createResource(open, () =>
    apiGet<ConsultationColleagues>(path()).then((answer) => answer.colleagues),
  );
  let toggle: HTMLButtonElement | undefined;
  let select: HTMLSelectElement | undefined;

  const selected = () => chosen() ?? colleagues()?.[0]?.id;
  // The list arrived while the focus waits on the panel's heading: it moves on to the choice.
  createEffect(() => {
    if (!colleagues()?.length) return;
    queueMicrotask(() => {
      if (document.activeElement?.id === "invite-colleague-heading") select?.focus();
    });
  });

  function show() {
    setOpen(true);
    // Focus follows the action: into the panel, on the choice once it is there (or its heading).
    queueMicrotask(() => document.getElementById("invite-colleague-heading")?.focus());
  }
  function close() {
    setOpen(false);
    setAsked(undefined);
    setError(undefined);
    toggle?.focus();
  }
  async function ask(event: SubmitEvent) {
    event.preventDefault();
    const colleagueId = selected();
    if (busy() || colleagueId === undefined) return;
    setBusy(true);
    setError(undefined);
    setAsked(undefined);
    try {
      await apiPost<ColleagueInvited>(path(), { colleagueId });
      setAsked(colleagues()?.find((c) => c.id === colleagueId)?.name ?? "");
    } catch (failure) {
      setError(describeError(failure));
      queueMicrotask(() => select?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <InvitePanel
      testid="invite-colleague"
      label={t("inviteColleague")}
      title={t("inviteColleagueTitle")}
      hint={t("inviteColleagueHint")}
      open={open()}
      show={show}
      close={close}
      toggleRef={(button) => {
        toggle = button;
      }}
    >
      <Switch>
        <Match when={colleagues.loading}>
          <p role="status">{t("inviteColleagueLoading")}</p>
        </Match>
        <Match when={colleagues.error}>
          <p role="alert" class="error">
            {t("inviteColleagueLoadFailed")}
          </p>
          <button type="button" class="secondary" onClick={() => void refetch()}>
            {t("inviteColleagueRetry")}
          </button>
        </Match>
        <Match when={colleagues()?.length === 0}>
          <p data-testid="invite-colleague-none">{t("inviteColleagueNone")}</p>
        </Match>
        <Match when={colleagues()}>
          {(list) => (
            <form onSubmit={ask}>
              <label for="invite-colleague-select">{t("inviteColleagueWho")}</label>
              <select
                id="invite-colleague-select"
                ref={select}
                data-testid="invite-colleague-select"
                value={selected()}
                onChange={(event) => {
                  setChosen(event.currentTarget.value);
                  setAsked(undefined);
                }}
              >
                <For each={list()}>{(colleague) => <option value={colleague.id}>{colleague.name}</option>}</For>
              </select>
              <button type="submit" data-testid="invite-colleague-send" aria-disabled={busy() || undefined}>
                {busy() ? t("inviteColleagueSending") : t("inviteColleagueSend")}
              </button>
            </form>
          )}
        </Match>
      </Switch>
      <Show when={asked() !== undefined}>
        <p role="status" data-testid="invite-colleague-asked">
          {tf("inviteColleagueAsked", { name: asked() ?? "" })}
        </p>
      </Show>
      <Show when={error()}>
        {(message) => (
          <p role="alert" class="error" data-testid="invite-colleague-failed">
            {message()}
          </p>
        )}
      </Show>
    </InvitePanel>
  );
}
