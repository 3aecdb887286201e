// Sending a just-issued link to the patient by e-mail or SMS, from the invitation's row: a form per
// channel (address or number, the message's language, an optional reminder) and one status line that
// says where it went or why not. The address is cleared once sent: the page keeps it no longer than the
// server does.
import { createSignal, For, Show } from "solid-js";
import type { ReminderChoice } from "../../../../schema/api-types.ts";
import { reminderTime } from "../../../../schema/reminders.ts";
import { describeError } from "../../forms/submit.ts";
import { ApiError, api } from "../../shared/api.ts";
import { formatDateTime, type Language, language, type MessageKey, t, tf } from "../../shared/i18n.ts";
import { focusWhenShown } from "../../shared/page.ts";
import "./i18n-send.ts";
import { practiceCommitment } from "../committed-link.ts";

type Channel = "email" | "sms";

const REMINDERS: [ReminderChoice, MessageKey][] = [
  ["none", "inviteReminderNone"],
  ["24h", "inviteReminder24h"],
  ["1h", "inviteReminder1h"],
];
const LANGUAGES: [Language, MessageKey][] = [
  ["de", "inviteLanguageDe"],
  ["en", "inviteLanguageEn"],
];

/** The token at the end of an invite link (/j/<token>): what the server checks and builds its own link from. */
const tokenOf = (inviteUrl: string) => new URL(inviteUrl).pathname.split("/").at(-1) ?? "";

/** Why it was not sent: "not configured" names the channel, which the generic words for that code do not. */
function failure(channel: Channel, error: unknown): string {
  if (error instanceof ApiError && error.code === "misconfigured") {
    return t(channel === "sms" ? "inviteSmsUnavailable" : "inviteEmailUnavailable");
  }
  return describeError(error);
}

/** Whether a reminder this long before `startsAt` would still lie ahead; the server refuses it otherwise. */
const reminderAhead = (choice: ReminderChoice, startsAt: string | undefined) =>
  choice === "none" || startsAt === undefined || reminderTime(Date.parse(startsAt), choice) > Date.now();

export function InviteSend(props: { invitationId: string; inviteUrl: string; startsAt?: string }) {
  const [open, setOpen] = createSignal<Channel>();
  const [status, setStatus] = createSignal<{ text: string; ok: boolean }>();
  const [busy, setBusy] = createSignal(false);
  let statusLine: HTMLParagraphElement | undefined;
  const openers: Partial<Record<Channel, HTMLButtonElement>> = {};

  function show(channel: Channel) {
    setStatus(undefined);
    setOpen(channel);
  }

  function close() {
    const channel = open();
    setOpen(undefined);
    queueMicrotask(() => (channel ? openers[channel] : undefined)?.focus());
  }

  async function send(channel: Channel, form: HTMLFormElement) {
    const data = new FormData(form);
    const to = String(data.get("to") ?? "");
    setBusy(true);
    try {
      // The mailed or texted link commits to the practice's keys as the links shown here do (issue 25).
      const commitment = await practiceCommitment();
      const sent = await api.sendInvitation(props.invitationId, {
        channel,
        to,
        token: tokenOf(props.inviteUrl),
        ...(commitment ? { commitment } : {}),
        language: data.get("language") === "de" ? "de" : "en",
        reminder: (data.get("reminder") as ReminderChoice | null) ?? "none",
      });
      setStatus({
        ok: true,
        text: sent.reminderAt
          ? tf("inviteSentWithReminder", { to, time: formatDateTime(sent.reminderAt) })
          : tf("inviteSentTo", { to }),
      });
      const field = form.querySelector<HTMLInputElement>("input[name=to]");
      if (field) field.value = "";
    } catch (e) {
      setStatus({ ok: false, text: failure(channel, e) });
    } finally {
      setBusy(false);
      queueMicrotask(() => statusLine?.focus());
    }
  }

  const channelButton = (channel: Channel, key: MessageKey) => (
    <button
      type="button"
      class="secondary"
      ref={(element) => {
        openers[channel] = element;
      }}
      aria-expanded={open() === channel}
      data-testid={channel === "email" ? "invite-email" : "invite-sms"}
      onClick={() => (open() === channel ? close() : show(channel))}
    >
      {t(key)}
    </button>
  );

  return (
    <div class="invite-send full">
      <div class="row wrap">
        {channelButton("email", "inviteEmail")}
        {channelButton("sms", "inviteSms")}
      </div>
      <Show when={open()} keyed>
        {(channel) => (
          <SendForm
            channel={channel}
            busy={busy()}
            startsAt={props.startsAt}
            send={(form) => send(channel, form)}
            close={close}
          />
        )}
      </Show>
      <p
        class={status()?.ok === false ? "error" : "status ok"}
        role="status"
        tabindex="-1"
        ref={statusLine}
        data-testid="invite-sent"
      >
        {status()?.text}
      </p>
    </div>
  );
}

function SendForm(props: {
  channel: Channel;
  busy: boolean;
  startsAt: string | undefined;
  send(form: HTMLFormElement): void;
  close(): void;
}) {
  const prefix = props.channel === "email" ? "invite-email" : "invite-sms";
  const hintId = `${prefix}-hint-${Math.random().toString(36).slice(2)}`;
  return (
    <form
      class="send-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.send(e.currentTarget);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") props.close();
      }}
    >
      <label>
        {t(props.channel === "email" ? "inviteEmailAddress" : "inviteSmsNumber")}
        <input
          ref={focusWhenShown}
          name="to"
          required
          type={props.channel === "email" ? "email" : "tel"}
          inputmode={props.channel === "email" ? "email" : "tel"}
          autocomplete="off"
          maxLength={props.channel === "email" ? 254 : 40}
          placeholder={props.channel === "sms" ? "+49 170 1234567" : undefined}
          aria-describedby={props.channel === "sms" ? hintId : undefined}
          data-testid={props.channel === "email" ? "invite-email-address" : "invite-sms-number"}
        />
      </label>
      <Show when={props.channel === "sms"}>
        <p class="muted hint" id={hintId}>
          {t("inviteSmsHint")}
        </p>
      </Show>
      <label>
        {t("inviteMessageLanguage")}
        <select name="language" data-testid={`${prefix}-language`}>
          <For each={LANGUAGES}>
            {([value, key]) => (
              <option value={value} selected={value === language()}>
                {t(key)}
              </option>
            )}
          </For>
        </select>
      </label>
      <label>
        {t("inviteReminder")}
        <select name="reminder" data-testid={`${prefix}-reminder`}>
          <For each={REMINDERS}>
            {([value, key]) => (
              // A time already past is not offered (an appointment an hour away gets no "24 hours before").
              <option value={value} disabled={!reminderAhead(value, props.startsAt)}>
                {reminderAhead(value, props.startsAt) ? t(key) : `${t(key)} (${t("inviteReminderTooLate")})`}
              </option>
            )}
          </For>
        </select>
      </label>
      <p class="muted hint">{t("inviteReminderHint")}</p>
      <div class="row wrap">
        <button type="submit" disabled={props.busy} data-testid={`${prefix}-send`}>
          {t("inviteSend")}
        </button>
        <button type="button" class="secondary" onClick={() => props.close()}>
          {t("inviteSendClose")}
        </button>
      </div>
    </form>
  );
}
