// Above the picture: the connection's state and quality, and the safety code with what to do with it.
import { Show } from "solid-js";
import type { ConsultationRole } from "../../../../schema/messages.ts";
import { type MessageKey, t } from "../../shared/i18n.ts";
import type { Quality } from "../quality.ts";

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

export function SafetyCode(props: { code: string; role: ConsultationRole | undefined }) {
  return (
    <details class="safety">
      <summary>
        {t("safetyCodeLabel")}: <span data-testid="safety-code">{props.code}</span>
      </summary>
      <p>{props.role === "provider" ? t("safetyCodeHelpProvider") : t("safetyCodeHelpPatient")}</p>
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
