// The privacy notice's table of stored data, rendered from the one list (stored-data.ts) that a test holds
// equal to docs/DATA.md, and the point-in-time recovery window the operator's plan sets.
import { For } from "solid-js";
import type { Language } from "../shared/i18n.ts";
import type { LegalLabels } from "./legal-text.ts";
import { type Place, STORED_DATA } from "./stored-data.ts";

const PLACE_LABEL: Record<Place, keyof LegalLabels> = {
  d1: "placeD1",
  memory: "placeMemory",
  storage: "placeStorage",
  browser: "placeBrowser",
};

/** What a deployment keeps: the outbox of local test runs is not part of it. */
const shown = STORED_DATA.filter((item) => !item.localOnly);

export function StoredDataTable(props: {
  language: Language;
  labels: LegalLabels;
  recoveryDays: () => number | undefined;
}) {
  return (
    <>
      {/* Scrolls sideways on a phone: focusable, so that the keyboard can scroll it too. */}
      <section class="table-scroll" aria-labelledby="privacy-data-caption" tabindex="0">
        <table class="legal-table" data-testid="privacy-data-table">
          <caption id="privacy-data-caption">{props.labels.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{props.labels.columnWhat}</th>
              <th scope="col">{props.labels.columnWhere}</th>
              <th scope="col">{props.labels.columnWhy}</th>
              <th scope="col">{props.labels.columnKept}</th>
            </tr>
          </thead>
          <tbody>
            <For each={shown}>
              {(item) => (
                <tr data-place={item.place}>
                  <th scope="row">{item.what[props.language]}</th>
                  <td>{props.labels[PLACE_LABEL[item.place]]}</td>
                  <td>{item.why[props.language]}</td>
                  <td>{item.kept[props.language]}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
      <p data-testid="privacy-recovery" data-recovery-days={props.recoveryDays()}>
        {props.labels.recovery.replace("{days}", String(props.recoveryDays() ?? "…"))}
      </p>
    </>
  );
}
