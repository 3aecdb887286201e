// Above the picture: the connection's state, and the safety code with what to do with it. Each
// line's quality shows on its participant's tile (stage.tsx), with this file's indicator.
import { type Accessor, createEffect, createMemo, createSignal, lazy, Show, Suspense } from "solid-js";
import type { ConsultationRole } from "../../../../schema/messages.ts";
import { type MessageKey, t } from "../../shared/i18n.ts";
import type { ParticipantView } from "../call-state.ts";
import { type CodeInput, codeInput, sameCodeInput } from "../group-safety.ts";
import type { Quality } from "../quality.ts";
import { groupSafetyCode } from "../safety-code.ts";

/** What a group's code covers and how to use it: its words come with the group chunk, there whenever a group is. */
const GroupCodeHelp = lazy(() => import("../group/index.ts").then((group) => ({ default: group.GroupCodeHelp })));

const qualityLabel: Record<Quality, MessageKey> = { good: "qualityGood", fair: "qualityFair", poor: "qualityPoor" };

export function QualityIndicator(props: { quality: Quality }) {
  return (
    <span
      class="quality"
      data-testid="quality-indicator"
      data-quality={props.quality}
      role="img"
      aria-label={t(qualityLabel[props.quality])}
    >
      <span class="level one" />
      <span class="level two" />
      <span class="level three" />
    </span>
  );
}

export interface ShownCode {
  readonly code: string;
  /** People it covers, this side included. */
  readonly participants: number;
}

/**
 * The call's safety code as the participants change: hashed again only when what it covers changes
 * (not on every quality or flag update), and an older hash that finishes late never overwrites a newer one.
 */
export function createSafetyCode(participants: Accessor<Readonly<Record<string, ParticipantView>>>) {
  const [shown, setShown] = createSignal<ShownCode>();
  const input = createMemo<CodeInput | undefined>(() => codeInput(participants()), undefined, {
    equals: sameCodeInput,
  });
  createEffect(() => {
    const now = input();
    if (!now) return setShown(undefined);
    void groupSafetyCode(now.sets).then((code) => {
      if (input() !== now) return;
      setShown(code === undefined ? undefined : { code, participants: now.participants });
    });
  });
  return shown;
}

export function SafetyCode(props: { code: string; participants: number; role: ConsultationRole | undefined }) {
  return (
    <details class="safety">
      <summary>
        {t("safetyCodeLabel")}:{" "}
        <span data-testid="safety-code" data-participants={props.participants}>
          {props.code}
        </span>
      </summary>
      <Show
        when={props.participants > 2}
        fallback={<p>{props.role === "provider" ? t("safetyCodeHelpProvider") : t("safetyCodeHelpPatient")}</p>}
      >
        <Suspense>
          <GroupCodeHelp participants={props.participants} provider={props.role === "provider"} />
        </Suspense>
      </Show>
    </details>
  );
}

export type ConnectionState = "connected" | "reconnecting" | "failed";

export function ConnectionStatus(props: { state: ConnectionState }) {
  return (
    <Show when={props.state !== "failed"}>
      <p class="connection" role="status" data-testid="connection-status" data-state={props.state}>
        {props.state === "connected" ? t("connectionConnected") : t("connectionReconnecting")}
      </p>
    </Show>
  );
}
