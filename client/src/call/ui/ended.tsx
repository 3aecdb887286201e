// The page after a call. A provider goes back to the dashboard; a patient keeps the practice's logo,
// name and contact line from the join page, and is told what to do next: whom to ask if something is
// unclear, and the way back to their appointment link.
import { A } from "@solidjs/router";
import { type JSX, Show } from "solid-js";
import type { KeptBrand } from "../../patient/kept-brand.ts";
import { PracticeLine } from "../../patient/practice-line.tsx";
import { brandStyle } from "../../shared/brand-colour.ts";
import { type MessageKey, t, tf } from "../../shared/i18n.ts";
import { focusWhenShown } from "../../shared/page.ts";

const noteHooks: Record<string, string> = {
  callFull: "consultation-full",
  removedFromCall: "removed-from-call",
  leftCall: "left-call",
};

/**
 * What the page says first: that the call has ended, unless it goes on without this person (removed by
 * the moderator, or they left it).
 */
const headings: Partial<Record<MessageKey, MessageKey>> = {
  removedFromCall: "removedTitle",
  leftCall: "leftCallTitle",
};

export function CallEnded(props: {
  note: MessageKey | undefined;
  provider: boolean;
  /** The patient's practice and link, kept from the join page; none for a provider. */
  brand: KeptBrand | undefined;
  /** "Save the chat", when there is one. */
  children?: JSX.Element;
  /** The files received in the call, to save before the page goes. */
  files?: JSX.Element;
}) {
  const patientBrand = () => (props.provider ? undefined : props.brand);
  return (
    <div
      class="card narrow call-ended"
      role="status"
      data-testid="call-ended"
      style={brandStyle(patientBrand()?.brandColour)}
    >
      <Show when={patientBrand()}>{(brand) => <PracticeLine brand={brand()} />}</Show>
      <h1 tabindex="-1" ref={focusWhenShown}>
        {t((props.note && headings[props.note]) || "callEnded")}
      </h1>
      {/* A full or locked call (close 4004), a removal by the moderator, leaving: hooks of their own, so those pages are told apart. */}
      <p data-testid={noteHooks[props.note ?? ""]}>{props.note ? t(props.note) : t("callEndedNothingKept")}</p>
      {props.files}
      <div class="end-actions">
        {props.children}
        <Show when={props.provider}>
          <A href="/dashboard">{t("backToDashboard")}</A>
        </Show>
      </div>
      <Show when={!props.provider}>
        <p data-testid="ended-next-step">
          <Show when={patientBrand()?.contactLine} fallback={t("endedUnclear")}>
            {(contact) => tf("endedUnclearContact", { contact: contact() })}
          </Show>
        </p>
        <Show when={patientBrand()?.joinPath}>
          {(path) => (
            <p>
              <A href={path()} data-testid="ended-back-to-link">
                {t("endedBackToStart")}
              </A>
            </p>
          )}
        </Show>
      </Show>
    </div>
  );
}
