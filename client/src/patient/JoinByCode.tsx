// /join: a patient types the code their practice gave them ("mueller 482 913") instead of opening a link.
// The code goes to the server in a request body only, never in an address; a working code is answered
// with the path of the link's own page (/j/<pass>), where the patient goes on as with a link. Every code
// that does not work gets the same words, whatever the reason: the page cannot tell them apart either.
import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { parseJoinCode } from "../../../schema/short-name.ts";
import { ApiError, api } from "../shared/api.ts";
import { type MessageKey, t } from "../shared/i18n.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";
import "./i18n-join-code.ts";

/** What the patient is told when the code does not open the waiting room. */
function problemOf(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return "errorGeneric";
  if (error.code === "join-code-paused") return "joinCodePaused";
  if (error.status === 429) return "joinCodeThrottled";
  if (error.status === 404) return "joinCodeWrong";
  return "errorGeneric";
}

export default function JoinByCode() {
  usePageTitle(() => "pageJoinCode");
  const navigate = useNavigate();
  const [problem, setProblem] = createSignal<MessageKey>();
  // Each refusal is a new message, focused again even when its words are the same as the last.
  const [attempt, setAttempt] = createSignal(0);
  const [busy, setBusy] = createSignal(false);
  let input!: HTMLInputElement;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    const typed = input.value;
    const refuse = (key: MessageKey) => {
      setProblem(key);
      setAttempt((n) => n + 1);
    };
    if (!typed.trim()) return refuse("joinCodeEmpty");
    // A code that cannot be one is answered here, as the server would, without using up an attempt.
    if (!parseJoinCode(typed)) return refuse("joinCodeWrong");
    setBusy(true);
    try {
      const { path } = await api.redeemJoinCode(typed);
      navigate(path);
    } catch (error) {
      refuse(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="card narrow">
      <form noValidate onSubmit={submit}>
        <h1>{t("joinCodeTitle")}</h1>
        <p class="muted" id="join-code-intro">
          {t("joinCodeIntro")}
        </p>
        <label for="join-code">{t("joinCodeLabel")}</label>
        <input
          id="join-code"
          ref={input}
          name="code"
          type="text"
          // Letters first, then digits: a text keyboard, without the phone's corrections getting in the way.
          inputmode="text"
          autocomplete="off"
          autocapitalize="none"
          autocorrect="off"
          spellcheck={false}
          enterkeyhint="go"
          maxLength={64}
          aria-describedby={problem() ? "join-code-intro join-code-error" : "join-code-intro"}
          aria-invalid={problem() ? "true" : undefined}
          data-testid="join-code-input"
          onInput={() => setProblem(undefined)}
        />
        <Show when={problem()} keyed>
          {(key) => (
            <Show when={attempt()} keyed>
              <p
                class="error"
                role="alert"
                id="join-code-error"
                tabindex="-1"
                ref={focusWhenShown}
                data-testid="join-code-error"
              >
                {t(key)}
              </p>
            </Show>
          )}
        </Show>
        <button type="submit" disabled={busy()} data-testid="join-code-submit">
          {busy() ? t("joinCodeChecking") : t("joinCodeSubmit")}
        </button>
      </form>
    </div>
  );
}
