// The practice's activity log, for its admins: off by default; when on, one entry per consultation (the
// leading provider, start, duration, the most people at once, whether a relay was used), never a
// patient's name, kept for the chosen period (at most 90 days) and exportable as CSV. Switching it off
// deletes every entry at once; the section says so before the admin does it.
import { createResource, createSignal, For, Show } from "solid-js";
import type { ActivityLog, PracticeView } from "../../../../schema/api-types.ts";
import { MAX_ACTIVITY_LOG_DAYS, MIN_ACTIVITY_LOG_DAYS } from "../../../../schema/audit.ts";
import { Field } from "../../forms/field.tsx";
import { Form } from "../../forms/form.tsx";
import { createSubmit } from "../../forms/submit.ts";
// apiGet, not a new method on `api`: the shared API object is part of the patient's first load.
import { api, apiGet } from "../../shared/api.ts";
import { formatWait, locale, t, tf } from "../../shared/i18n.ts";

export function ActivityLogSection(props: {
  practice: PracticeView;
  timeZone: string;
  saved(practice: PracticeView): void;
}) {
  const [saved, setSaved] = createSignal(false);
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
        onInput={() => setSaved(false)}
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
                          <strong>{entry.providerName}</strong>{" "}
                          {tf(entry.relayed ? "activityEntryRelayed" : "activityEntry", {
                            duration: formatWait(entry.durationSeconds),
                            people: String(entry.participants),
                          })}
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
                <a href="/api/practice/activity.csv" download="" data-testid="activity-export">
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
