// The operator's details as configured (GET /api/legal), on both legal pages; a detail that is not
// configured says so in place, so a deployment without them is visibly unfinished.
import { For, Match, type Resource, Show, Switch } from "solid-js";
import type { OperatorDetails as Details, LegalInfo } from "../../../schema/api-types.ts";
import { ContactText } from "./contact-links.tsx";
import type { LegalLabels } from "./legal-text.ts";

const ROWS: readonly [keyof Details, keyof LegalLabels][] = [
  ["name", "operatorName"],
  ["address", "operatorAddress"],
  ["contact", "operatorContact"],
  ["dataProtectionOfficer", "operatorDpo"],
  ["supervisoryAuthority", "operatorAuthority"],
];

/** The details a reader writes to or calls: their addresses and numbers are links. */
const REACHABLE: ReadonlySet<keyof Details> = new Set(["contact", "dataProtectionOfficer"]);

export function OperatorDetails(props: { legal: Resource<LegalInfo>; labels: LegalLabels }) {
  return (
    <div class="operator-details" data-testid="operator-details">
      <Switch fallback={<p class="muted">{props.labels.loading}</p>}>
        <Match when={props.legal.error}>
          <p class="status error">{props.labels.loadFailed}</p>
        </Match>
        <Match when={props.legal()}>
          {(legal) => (
            <>
              <Show when={!legal().complete}>
                <p class="status" data-testid="operator-details-placeholder">
                  {props.labels.incomplete}
                </p>
              </Show>
              <dl>
                <For each={ROWS}>
                  {([field, label]) => (
                    <>
                      <dt>{props.labels[label]}</dt>
                      <dd classList={{ muted: !legal().operator[field] }} data-field={field}>
                        <Show when={legal().operator[field]} fallback={props.labels.notConfigured}>
                          {(value) => (REACHABLE.has(field) ? <ContactText text={value()} /> : value())}
                        </Show>
                      </dd>
                    </>
                  )}
                </For>
              </dl>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
