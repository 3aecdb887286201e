// An invitation's join code, for a patient who would rather type than open a link: made on request
// (its 7 days start when it is handed out), shown only now, and replaced by the next one. The patient
// types it at /join, which the hint names with this deployment's address.
import { createSignal, Show } from "solid-js";
import type { InvitationJoinCode } from "../../../../schema/api-types.ts";
import { CopyButton } from "../../forms/copy-button.tsx";
import { describeError } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { t, tf } from "../../shared/i18n.ts";
import { dateTimeShort } from "../calendar/calendar-format.ts";
import { useDisplayZone } from "../calendar/display-zone.ts";
import "../i18n-codes.ts";

export function InvitationCode(props: { invitationId: string; label: string }) {
  const [code, setCode] = createSignal<InvitationJoinCode>();
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  // The dashboard's zone, like the appointment's time in the row above: not the browser's.
  const zone = useDisplayZone();
  let shown: HTMLElement | undefined;

  async function make() {
    setBusy(true);
    setError(undefined);
    try {
      setCode(await api.newJoinCode(props.invitationId));
      // The keyboard (and a screen reader) continues at the code just made.
      queueMicrotask(() => shown?.focus());
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const joinUrl = () => new URL("/join", window.location.origin).toString();

  return (
    <div class="full invitation-code">
      <Show when={code()}>
        {(current) => (
          <div role="status">
            <p class="row wrap">
              <span>{t("inviteCodeLabel")}:</span>
              <strong tabindex="-1" ref={shown} class="code" data-testid="invite-code" translate="no">
                {current().code}
              </strong>
              <CopyButton text={current().code} testid="invite-code-copy" />
            </p>
            <p class="muted">
              {tf("inviteCodeHint", { url: joinUrl(), until: dateTimeShort(Date.parse(current().validUntil), zone) })}
            </p>
          </div>
        )}
      </Show>
      <Show when={error()}>
        <p class="error" role="alert" data-testid="invite-code-error">
          {error()}
        </p>
      </Show>
      <button
        type="button"
        class="secondary"
        disabled={busy()}
        data-testid="invite-code-new"
        aria-label={`${code() ? t("inviteCodeRenew") : t("inviteCodeMake")} (${props.label})`}
        onClick={make}
      >
        {code() ? t("inviteCodeRenew") : t("inviteCodeMake")}
      </button>
    </div>
  );
}
