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

/** The table's columns, in order: each row's cells below follow it. */
const COLUMNS = [
  "columnWhat",
  "columnWhere",
  "columnWhy",
  "columnKept",
] as const satisfies readonly (keyof LegalLabels)[];

/** What a deployment keeps: the outbox of local test runs is not part of it. */
const shown = STORED_DATA.filter((item) => !item.localOnly);

export function StoredDataTable(props: {
  language: Language;
  labels: LegalLabels;
  recoveryDays: () => number | undefined;
}) {
  const label = props.labels;
  return (
    <>
      {/* Wide screens: a table, scrolling sideways if need be (focusable, so that the keyboard can scroll it
          too). Phones: each row a block whose cells name their column (data-label, styles.css). The roles
          keep it a table for screen readers once the CSS makes its parts blocks, which drops them in some
          browsers. */}
      <section class="table-scroll" aria-labelledby="privacy-data-caption" tabindex="0">
        {/* biome-ignore lint/a11y/noRedundantRoles: display:block drops the implicit table roles in some browsers. */}
        <table class="legal-table" role="table" data-testid="privacy-data-table">
          <caption id="privacy-data-caption">{label.tableCaption}</caption>
          {/* biome-ignore lint/a11y/noRedundantRoles: as above. */}
          <thead role="rowgroup">
            {/* biome-ignore lint/a11y/noRedundantRoles: as above. */}
            <tr role="row">
              <For each={COLUMNS}>
                {(column) => (
                  // biome-ignore lint/a11y/noRedundantRoles: as above.
                  <th scope="col" role="columnheader">
                    {label[column]}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          {/* biome-ignore lint/a11y/noRedundantRoles: as above. */}
          <tbody role="rowgroup">
            <For each={shown}>
              {(item) => (
                // biome-ignore lint/a11y/noRedundantRoles: as above.
                <tr role="row" data-place={item.place}>
                  {/* biome-ignore lint/a11y/noRedundantRoles: as above. */}
                  <th scope="row" role="rowheader" data-label={label.columnWhat}>
                    {item.what[props.language]}
                  </th>
                  {/* biome-ignore lint/a11y/noRedundantRoles: as above. */}
                  <td role="cell" data-label={label.columnWhere}>
                    {label[PLACE_LABEL[item.place]]}
                  </td>
                  {/* biome-ignore lint/a11y/noRedundantRoles: as above. */}
                  <td role="cell" data-label={label.columnWhy}>
                    {item.why[props.language]}
                  </td>
                  {/* biome-ignore lint/a11y/noRedundantRoles: as above. */}
                  <td role="cell" data-label={label.columnKept}>
                    {item.kept[props.language]}
                  </td>
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
