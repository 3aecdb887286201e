// The practice's activity log, for its admins: off by default; when on, one entry per consultation (the
// leading provider, start, duration, the most people at once, whether a relay was used), never a
// patient's name, kept for the chosen period (at most 90 days) and exportable as CSV. Switching it off
// deletes every entry at once: the section says so beside the switch, and saving "off" while there are
// entries first asks, naming how many go and offering the CSV before they do.
import { createResource, createSignal, For, Show } from "solid-js";
import type { ActivityLog, PracticeView } from "../../../../schema/api-types.ts";
import { ACTIVITY_PAGE_SIZE, MAX_ACTIVITY_LOG_DAYS, MIN_ACTIVITY_LOG_DAYS } from "../../../../schema/audit.ts";
import { ConfirmQuestion } from "../../forms/confirm-question.tsx";
import { Field } from "../../forms/field.tsx";
import { Form } from "../../forms/form.tsx";
import { createSubmit } from "../../forms/submit.ts";
// apiGet, not a new method on `api`: the shared API object is part of the patient's first load.
import { api, apiGet } from "../../shared/api.ts";
import { formatWait, locale, t, tf } from "../../shared/i18n.ts";

const CSV_PATH = "/api/practice/activity.csv";

/** The question before the entries go: how many, as far as the page knows (it reads the newest page). */
function offQuestion(count: number | undefined): string {
  if (count === undefined) return t("activityOffQuestionUnknown");
  if (count === 1) return t("activityOffQuestionOne");
  return tf(count >= ACTIVITY_PAGE_SIZE ? "activityOffQuestionMany" : "activityOffQuestion", { count: String(count) });
}

/** "12 min, 3 people", and "1 person" for one. */
function entryText(entry: ActivityLog["entries"][number]): string {
  const one = entry.participants === 1;
  const key = entry.relayed
    ? one
      ? "activityEntryRelayedOne"
      : "activityEntryRelayed"
    : one
      ? "activityEntryOne"
      : "activityEntry";
  return tf(key, { duration: formatWait(entry.durationSeconds), people: String(entry.participants) });
}

export function ActivityLogSection(props: {
  practice: PracticeView;
  timeZone: string;
  saved(practice: PracticeView): void;
}) {
  const [saved, setSaved] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  /** Set by the question's "switch off": the next submit goes through without asking again. */
  let confirmedOff = false;
  let form: HTMLFormElement | undefined;
  let toggle: HTMLInputElement | undefined;
  // Read again whenever the setting changes (switching off empties it).
  const [log] = createResource(
    () => `${props.practice.activityLogOn}:${props.practice.activityLogDays}`,
    () => apiGet<ActivityLog>("/api/practice/activity"),
  );
  const saving = createSubmit(async (form) => {
    setSaved(false);
    const updated = await api.updatePractice({
      activityLogOn: form.get("activityLogOn") === "on",
      activityLogDays: Number(form.get("activityLogDays")),
    });
    props.saved(updated);
    setSaved(true);
  });
  /** Entries the page knows of; undefined while loading or after a failed read (then it asks anyway). */
  const entryCount = () => (log.state === "ready" ? log().entries.length : undefined);
  /** Saving "off" with entries waits for the question's answer; "on", or off with none, saves at once. */
  function mayDelete(): boolean {
    const switchingOff = props.practice.activityLogOn && toggle?.checked === false;
    if (!switchingOff || entryCount() === 0 || confirmedOff) {
      confirmedOff = false;
      return true;
    }
    // The question takes the focus (ConfirmQuestion).
    setConfirming(true);
    return false;
  }
  function switchOff() {
    confirmedOff = true;
    setConfirming(false);
    // Through the form, so that its busy state, error line and "Saved" work as for any save; the focus
    // returns to the save button when the request ends (submit.ts).
    const save = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
    form?.requestSubmit(save ?? undefined);
  }
  function keepOn() {
    setConfirming(false);
    if (toggle) {
      toggle.checked = true;
      toggle.focus();
    }
  }
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short", timeZone: props.timeZone }).format(
      new Date(iso),
    );

  return (
    <section class="card" aria-labelledby="activity-heading">
      <h2 id="activity-heading">{t("activityHeading")}</h2>
      <p class="muted">{t("activityHint")}</p>
      <Form
        submission={saving}
        submitLabel={t("acctSave")}
        submitTestid="activity-log-save"
        validate={mayDelete}
        ref={(element) => {
          form = element;
        }}
        onInput={() => {
          setSaved(false);
          // Ticked again: nothing to ask about.
          if (toggle?.checked) setConfirming(false);
        }}
        status={
          <Show when={saved()}>
            <span data-testid="activity-log-saved">{t("pracSaved")}</span>
          </Show>
        }
      >
        <label class="check">
          <input
            name="activityLogOn"
            type="checkbox"
            ref={toggle}
            checked={props.practice.activityLogOn}
            aria-describedby="activity-log-off-hint"
            data-testid="activity-log-toggle"
          />
          <span>{t("activityToggle")}</span>
        </label>
        <p id="activity-log-off-hint" class="muted hint">
          {t("activityOffHint")}
        </p>
        <Field
          label={t("activityDays")}
          hint={tf("activityDaysHint", { min: String(MIN_ACTIVITY_LOG_DAYS), max: String(MAX_ACTIVITY_LOG_DAYS) })}
          name="activityLogDays"
          type="number"
          inputmode="numeric"
          required
          min={MIN_ACTIVITY_LOG_DAYS}
          max={MAX_ACTIVITY_LOG_DAYS}
          step={1}
          value={props.practice.activityLogDays}
          data-testid="activity-log-days"
        />
      </Form>
      <Show when={confirming()}>
        <ConfirmQuestion
          question={offQuestion(entryCount())}
          confirmLabel={t("activityOffConfirm")}
          confirmTestid="activity-log-off-confirm"
          keepLabel={t("cancel")}
          keepTestid="activity-log-off-cancel"
          busy={saving.busy()}
          confirm={switchOff}
          keep={keepOn}
        >
          <p class="confirm-link">
            <a href={CSV_PATH} download="" data-testid="activity-log-off-export">
              {t("activityExport")}
            </a>
          </p>
        </ConfirmQuestion>
      </Show>
      <Show when={props.practice.activityLogOn}>
        <Show
          when={log()}
          fallback={
            <p class={log.error ? "error" : "muted"} role={log.error ? "alert" : undefined}>
              {log.error ? t("errorGeneric") : t("loading")}
            </p>
          }
        >
          {(loaded) => (
            <div data-testid="activity-log">
              <Show when={loaded().entries.length > 0} fallback={<p class="muted">{t("activityEmpty")}</p>}>
                <ol class="list">
                  <For each={loaded().entries}>
                    {(entry) => (
                      <li
                        data-testid="activity-entry"
                        data-participants={entry.participants}
                        data-duration-s={entry.durationSeconds}
                      >
                        <span>
                          <strong>{entry.providerName}</strong> {entryText(entry)}
                        </span>
                        <time datetime={entry.startedAt} class="muted">
                          {when(entry.startedAt)}
                        </time>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
              <p>
                <a href={CSV_PATH} download="" data-testid="activity-export">
                  {t("activityExport")}
                </a>
              </p>
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
}
