// A legal page (terms of use, privacy notice): readable by anyone, without login and without the
// provider's chunk, in the language the person chose (the header's toggle switches it), with the
// operator's details from GET /api/legal.
import { createResource, For, type JSX, Show } from "solid-js";
import type { LegalInfo } from "../../../schema/api-types.ts";
import { apiGet } from "../shared/api.ts";
import { language } from "../shared/i18n.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";
import type { LegalMessageKey } from "./i18n-legal.ts";
import "./i18n-legal.ts";
import { labels } from "./labels.ts";
import type { Block, LegalTexts } from "./legal-text.ts";
import { OperatorDetails } from "./operator-details.tsx";

function Blocks(props: { blocks: readonly Block[] }) {
  return (
    <For each={props.blocks}>
      {(block) =>
        typeof block === "string" ? (
          <p>{block}</p>
        ) : "list" in block ? (
          <ul>
            <For each={block.list}>{(item) => <li>{item}</li>}</For>
          </ul>
        ) : (
          <p>
            <For each={block.parts}>
              {(part) => (typeof part === "string" ? part : <a href={part.href}>{part.text}</a>)}
            </For>
          </p>
        )
      }
    </For>
  );
}

export function LegalPage(props: {
  testid: "terms" | "privacy";
  title: LegalMessageKey;
  texts: LegalTexts;
  /** The privacy notice's table of stored data, given the recovery window (undefined until known). */
  dataTable?: (recoveryDays: () => number | undefined) => JSX.Element;
}) {
  usePageTitle(() => props.title);
  const [legal] = createResource(() => apiGet<LegalInfo>("/api/legal"));
  const text = () => props.texts[language()];
  const words = () => labels[language()];
  const recoveryDays = () => (legal.error ? undefined : legal()?.recoveryDays);
  return (
    <article class="card legal" data-testid={props.testid} lang={language()}>
      <h1 tabindex="-1" ref={focusWhenShown}>
        {text().title}
      </h1>
      <p class="muted">{text().version}</p>
      <Blocks blocks={text().intro} />
      <For each={text().sections}>
        {(section) => (
          <section>
            <h2>{section.heading}</h2>
            <Show when={section.operator}>
              <OperatorDetails legal={legal} labels={words()} />
            </Show>
            <Blocks blocks={section.blocks} />
            <Show when={section.dataTable && props.dataTable}>{(table) => table()(recoveryDays)}</Show>
          </section>
        )}
      </For>
    </article>
  );
}
