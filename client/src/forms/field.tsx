// One labelled field with its hint and its own error line. The browser checks the field's rules
// (required, type, range, length, pattern); when a submit finds it wrong (form.tsx asks with
// checkValidity, which fires "invalid" here), the field says in our words what is wrong with it, marks
// itself aria-invalid and points to the message with aria-describedby. Typing clears it again.
import { createSignal, createUniqueId, type JSX, Show, splitProps } from "solid-js";
import { NO_ADDRESS, problemText } from "./first-invalid.ts";

export type FieldProps = JSX.InputHTMLAttributes<HTMLInputElement> & {
  label: JSX.Element;
  /** What the field expects, read out with it and shown below it. */
  hint?: JSX.Element;
  /** Instead of "Please fill this in", for a field whose name says more ("Enter the practice's name"). */
  missingMessage?: string;
  /** What a pattern expects ("the six digits your app shows"): the browser's pattern has no words. */
  patternMessage?: string;
  /** A name that must not hold a web or e-mail address (the server's rule, checked here first). */
  noAddress?: boolean;
  "data-testid"?: string;
};

export function Field(props: FieldProps) {
  const [local, input] = splitProps(props, [
    "label",
    "hint",
    "missingMessage",
    "patternMessage",
    "noAddress",
    "ref",
    "aria-describedby",
  ]);
  const [problem, setProblem] = createSignal<string>();
  const hintId = createUniqueId();
  const errorId = createUniqueId();
  const describedBy = () =>
    [local["aria-describedby"], local.hint ? hintId : undefined, problem() ? errorId : undefined]
      .filter(Boolean)
      .join(" ") || undefined;
  const testid = () => input["data-testid"];

  return (
    <>
      <label>
        {local.label}
        <input
          {...input}
          {...(local.noAddress ? { [NO_ADDRESS]: "" } : {})}
          ref={(element) => {
            // The caller's ref (a variable or a function, as Solid hands it over) still gets the input.
            if (typeof local.ref === "function") local.ref(element);
          }}
          aria-invalid={problem() ? true : undefined}
          aria-describedby={describedBy()}
          // Also tells the form that this field has its own line for the message.
          aria-errormessage={errorId}
          onInvalid={(event) =>
            setProblem(
              problemText(event.currentTarget, { missing: local.missingMessage, pattern: local.patternMessage }),
            )
          }
          onInput={(event) => {
            setProblem(undefined);
            event.currentTarget.setCustomValidity("");
            const own = input.onInput;
            if (typeof own === "function") own(event);
          }}
        />
      </label>
      <Show when={local.hint}>
        <p id={hintId} class="muted hint">
          {local.hint}
        </p>
      </Show>
      <p id={errorId} class="status error field-error" data-testid={testid() ? `${testid()}-error` : undefined}>
        {problem()}
      </p>
    </>
  );
}
