// The practice's settings, for its admins: name, the contact line patients see, how long appointments
// are kept, how long a consultation may last, when the waiting room opens before an appointment and how
// long a link works after it, and whether every member must use two-factor authentication.
import { createSignal, Show } from "solid-js";
import type { PracticeView } from "../../../../schema/api-types.ts";
import {
  MAX_APPOINTMENT_RETENTION_DAYS,
  MAX_CONSULTATION_LIMIT_MINUTES,
  MAX_CONTACT_LINE_LENGTH,
  MAX_DENY_PAUSE_MINUTES,
  MAX_INVITE_GRACE_MINUTES,
  MAX_PRACTICE_NAME_LENGTH,
  MAX_WAITING_IDLE_LIMIT_MINUTES,
  MAX_WAITING_ROOM_OPENS_MINUTES,
  MIN_APPOINTMENT_RETENTION_DAYS,
  MIN_CONSULTATION_LIMIT_MINUTES,
  MIN_DENY_PAUSE_MINUTES,
  MIN_INVITE_GRACE_MINUTES,
  MIN_WAITING_IDLE_LIMIT_MINUTES,
  MIN_WAITING_ROOM_OPENS_MINUTES,
} from "../../../../schema/limits.ts";
import { Field } from "../../forms/field.tsx";
import { Form } from "../../forms/form.tsx";
import { createSubmit } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { t, tf } from "../../shared/i18n.ts";

export function SettingsSection(props: { practice: PracticeView; saved(practice: PracticeView): void }) {
  const [saved, setSaved] = createSignal(false);
  const saving = createSubmit(async (form) => {
    setSaved(false);
    const updated = await api.updatePractice({
      name: String(form.get("name")),
      contactLine: String(form.get("contactLine")),
      appointmentRetentionDays: Number(form.get("retention")),
      consultationLimitMinutes: Number(form.get("consultationLimit")),
      waitingIdleLimitMinutes: Number(form.get("idleLimit")),
      denyPauseMinutes: Number(form.get("denyPause")),
      waitingRoomOpensMinutes: Number(form.get("waitingRoomOpens")),
      inviteGraceMinutes: Number(form.get("inviteGrace")),
      requireTotp: form.get("requireTotp") === "on",
      sharedWaitingRoom: form.get("sharedWaitingRoom") === "on",
    });
    props.saved(updated);
    setSaved(true);
  });

  return (
    <section class="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t("pracSettings")}</h2>
      <Form
        submission={saving}
        submitLabel={t("acctSave")}
        submitTestid="practice-save"
        onInput={() => setSaved(false)}
        status={
          <Show when={saved()}>
            <span data-testid="practice-saved">{t("pracSaved")}</span>
          </Show>
        }
      >
        <Field
          label={t("pracName")}
          name="name"
          noAddress
          required
          missingMessage={t("fieldPracticeName")}
          maxLength={MAX_PRACTICE_NAME_LENGTH}
          autocomplete="organization"
          value={props.practice.name}
          data-testid="practice-name"
        />
        <Field
          label={t("pracContact")}
          hint={t("pracContactHint")}
          name="contactLine"
          maxLength={MAX_CONTACT_LINE_LENGTH}
          value={props.practice.contactLine}
          data-testid="practice-contact"
        />
        <NumberSetting
          name="retention"
          testid="practice-retention"
          label={t("pracRetention")}
          hint={tf("pracRetentionHint", {
            min: String(MIN_APPOINTMENT_RETENTION_DAYS),
            max: String(MAX_APPOINTMENT_RETENTION_DAYS),
          })}
          min={MIN_APPOINTMENT_RETENTION_DAYS}
          max={MAX_APPOINTMENT_RETENTION_DAYS}
          value={props.practice.appointmentRetentionDays}
        />
        <NumberSetting
          name="consultationLimit"
          testid="consultation-limit"
          label={t("pracConsultationLimit")}
          hint={tf("pracConsultationLimitHint", {
            min: String(MIN_CONSULTATION_LIMIT_MINUTES),
            max: String(MAX_CONSULTATION_LIMIT_MINUTES),
          })}
          min={MIN_CONSULTATION_LIMIT_MINUTES}
          max={MAX_CONSULTATION_LIMIT_MINUTES}
          value={props.practice.consultationLimitMinutes}
        />
        <NumberSetting
          name="idleLimit"
          testid="waiting-idle-limit"
          label={t("pracIdleLimit")}
          hint={tf("pracIdleLimitHint", {
            min: String(MIN_WAITING_IDLE_LIMIT_MINUTES),
            max: String(MAX_WAITING_IDLE_LIMIT_MINUTES),
          })}
          min={MIN_WAITING_IDLE_LIMIT_MINUTES}
          max={MAX_WAITING_IDLE_LIMIT_MINUTES}
          value={props.practice.waitingIdleLimitMinutes}
        />
        <NumberSetting
          name="denyPause"
          testid="deny-pause"
          label={t("pracDenyPause")}
          hint={tf("pracDenyPauseHint", { max: String(MAX_DENY_PAUSE_MINUTES) })}
          min={MIN_DENY_PAUSE_MINUTES}
          max={MAX_DENY_PAUSE_MINUTES}
          value={props.practice.denyPauseMinutes}
        />
        <NumberSetting
          name="waitingRoomOpens"
          testid="waiting-room-opens-minutes"
          label={t("pracWaitingRoomOpens")}
          hint={tf("pracWaitingRoomOpensHint", {
            min: String(MIN_WAITING_ROOM_OPENS_MINUTES),
            max: String(MAX_WAITING_ROOM_OPENS_MINUTES),
          })}
          min={MIN_WAITING_ROOM_OPENS_MINUTES}
          max={MAX_WAITING_ROOM_OPENS_MINUTES}
          value={props.practice.waitingRoomOpensMinutes}
        />
        <NumberSetting
          name="inviteGrace"
          testid="invite-grace-minutes"
          label={t("pracInviteGrace")}
          hint={tf("pracInviteGraceHint", {
            min: String(MIN_INVITE_GRACE_MINUTES),
            max: String(MAX_INVITE_GRACE_MINUTES),
          })}
          min={MIN_INVITE_GRACE_MINUTES}
          max={MAX_INVITE_GRACE_MINUTES}
          value={props.practice.inviteGraceMinutes}
        />
        <label class="check">
          <input
            name="sharedWaitingRoom"
            type="checkbox"
            checked={props.practice.sharedWaitingRoom}
            aria-describedby="shared-waiting-room-hint"
            data-testid="shared-waiting-room"
          />
          <span>{t("pracSharedWaitingRoom")}</span>
        </label>
        <p id="shared-waiting-room-hint" class="muted hint">
          {t("pracSharedWaitingRoomHint")}
        </p>
        <label class="check">
          <input
            name="requireTotp"
            type="checkbox"
            checked={props.practice.requireTotp}
            aria-describedby="require-2fa-hint"
            data-testid="require-2fa"
          />
          <span>{t("pracRequireTotp")}</span>
        </label>
        <p id="require-2fa-hint" class="muted hint">
          {t("pracRequireTotpHint")}
        </p>
      </Form>
    </section>
  );
}

/** A whole number of minutes (or days) with its range explained below it. */
function NumberSetting(props: {
  name: string;
  testid: string;
  label: string;
  hint: string;
  min: number;
  max: number;
  value: number;
}) {
  return (
    <Field
      label={props.label}
      hint={props.hint}
      name={props.name}
      type="number"
      inputmode="numeric"
      required
      min={props.min}
      max={props.max}
      step={1}
      value={props.value}
      data-testid={props.testid}
    />
  );
}
