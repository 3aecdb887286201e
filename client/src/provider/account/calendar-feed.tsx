// The provider's own calendar feed: a secret address their calendar app subscribes to. Made here (the
// address is shown only then: only a hash of it is stored), revoked after a question (the old address
// stops at once, a new one can be made), and a switch for titles and notes with a warning that the
// calendar provider behind the app will then read them.
import { createResource, createSignal, Show } from "solid-js";
import type { CalendarFeedView } from "../../../../schema/api-types.ts";
import { ConfirmQuestion } from "../../forms/confirm-question.tsx";
import { CopyButton } from "../../forms/copy-button.tsx";
import { describeError } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { formatDateTime, t, tf } from "../../shared/i18n.ts";
import { RetryAlert } from "./retry-alert.tsx";

export function CalendarFeedSection() {
  const [feed, { mutate, refetch }] = createResource(() => api.calendarFeed());
  /** The address of a feed made just now; it cannot be read again later. */
  const [address, setAddress] = createSignal<string>();
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [said, setSaid] = createSignal<string>();
  let createButton: HTMLButtonElement | undefined;
  let revokeButton: HTMLButtonElement | undefined;
  let addressField: HTMLInputElement | undefined;

  /** Runs one action with the buttons held; whether it worked. */
  async function act(work: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    setSaid(undefined);
    try {
      await work();
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const create = () =>
    act(async () => {
      const created = await api.createCalendarFeed();
      setAddress(created.feedUrl);
      mutate(created.feed);
      queueMicrotask(() => addressField?.focus());
    });

  const revoke = async () => {
    const revoked = await act(async () => {
      await api.revokeCalendarFeed();
      setAsking(false);
      setAddress(undefined);
      mutate({ active: false, includeDetails: false, createdAt: null });
      setSaid(t("feedRevoked"));
    });
    // Only now: while the action runs the "make" button is disabled, and a disabled button takes no focus.
    if (revoked) createButton?.focus();
  };

  const switchDetails = (includeDetails: boolean) =>
    act(async () => {
      mutate(await api.updateCalendarFeed({ includeDetails }));
      setSaid(includeDetails ? t("feedDetailsOn") : t("feedDetailsOff"));
    });

  return (
    <section class="card" aria-labelledby="feed-heading" data-testid="calendar-feed">
      <h2 id="feed-heading">{t("feedHeading")}</h2>
      <p class="muted">{t("feedExplain")}</p>
      <Show when={feed.error}>
        <RetryAlert retry={() => void refetch()} />
      </Show>
      <Show when={feed()}>
        {(state) => (
          <Show
            when={state().active}
            fallback={
              <button
                type="button"
                ref={createButton}
                disabled={busy()}
                onClick={create}
                data-testid="calendar-feed-create"
              >
                {t("feedCreate")}
              </button>
            }
          >
            <Show
              when={address()}
              fallback={<p>{tf("feedActiveSince", { time: formatDateTime(state().createdAt ?? Date.now()) })}</p>}
            >
              {(url) => (
                <div role="status">
                  <p>{t("feedShownOnce")}</p>
                  <div class="row">
                    <input
                      ref={addressField}
                      readonly
                      value={url()}
                      aria-label={t("feedAddress")}
                      data-testid="calendar-feed-url"
                      onFocus={(e) => e.currentTarget.select()}
                    />
                    <CopyButton text={url()} testid="calendar-feed-copy" />
                  </div>
                </div>
              )}
            </Show>
            <DetailsSwitch feed={state()} busy={busy()} change={switchDetails} />
            <Show
              when={asking()}
              fallback={
                <button
                  type="button"
                  class="secondary"
                  ref={revokeButton}
                  onClick={() => setAsking(true)}
                  data-testid="calendar-feed-revoke"
                >
                  {t("feedRevoke")}
                </button>
              }
            >
              <ConfirmQuestion
                question={t("feedRevokeQuestion")}
                confirmLabel={t("feedRevokeConfirm")}
                confirmTestid="calendar-feed-revoke-confirm"
                keepLabel={t("feedRevokeKeep")}
                busy={busy()}
                confirm={() => void revoke()}
                keep={() => {
                  setAsking(false);
                  queueMicrotask(() => revokeButton?.focus());
                }}
              />
            </Show>
          </Show>
        )}
      </Show>
      <Show when={error()}>
        <p class="error" role="alert" data-testid="calendar-feed-error">
          {error()}
        </p>
      </Show>
      <p class="status ok" role="status">
        {said()}
      </p>
    </section>
  );
}

function DetailsSwitch(props: { feed: CalendarFeedView; busy: boolean; change(on: boolean): void }) {
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          checked={props.feed.includeDetails}
          disabled={props.busy}
          aria-describedby="feed-details-warning"
          data-testid="calendar-feed-details"
          onChange={(e) => props.change(e.currentTarget.checked)}
        />
        <span>{t("feedDetails")}</span>
      </label>
      <p id="feed-details-warning" class="muted hint">
        {t("feedDetailsWarning")}
      </p>
    </>
  );
}
