// The practice's logo, name and contact line on the patient's pages (join page, waiting room, the end
// of the call), so a patient always knows where they are and whom to call.
import { Show } from "solid-js";

/** What a patient is shown of the practice; every part is optional (a practice may set none). */
export interface PracticeBrand {
  practiceName?: string;
  contactLine?: string;
  logoUrl?: string;
  brandColour?: string;
}

export function PracticeLine(props: { brand: PracticeBrand }) {
  return (
    <Show when={props.brand.practiceName}>
      {/* The practice's colour as a bar before the name; without one the name lines up with the heading. */}
      <div class="practice-brand" classList={{ branded: Boolean(props.brand.brandColour) }}>
        <Show when={props.brand.logoUrl}>
          {/* The name beside it says what the logo would: no second reading of it. */}
          {(url) => <img src={url()} alt="" class="practice-logo" data-testid="practice-logo" />}
        </Show>
        <p data-testid="practice-info">
          <strong data-testid="practice-name-shown">{props.brand.practiceName}</strong>
          <Show when={props.brand.contactLine}>
            {(line) => (
              <span class="muted">
                {" · "}
                <span data-testid="practice-contact">{line()}</span>
              </span>
            )}
          </Show>
        </p>
      </div>
    </Show>
  );
}
