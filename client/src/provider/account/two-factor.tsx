// Two-factor authentication: enrol with an authenticator app (QR code or the key by hand), keep the
// recovery codes, and switch it off again unless the practice requires it.
import { batch, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import type { ProviderView, TotpEnrolment } from "../../../../schema/api-types.ts";
import { Field } from "../../forms/field.tsx";
import { CONFIRMATION_REFUSALS, Form } from "../../forms/form.tsx";
import { createSubmit, describeError } from "../../forms/submit.ts";
import { ApiError, api } from "../../shared/api.ts";
import { t, tf } from "../../shared/i18n.ts";
import { focusWhenShown } from "../../shared/page.ts";
import { saveFile } from "../../shared/save-file.ts";
import { CodeInput, sixDigits } from "./code-input.tsx";

/** Groups of four for reading the key aloud or typing it. */
const groupsOfFour = (secret: string) => secret.match(/.{1,4}/g) ?? [secret];

function Enrolment(props: { enrolment: TotpEnrolment; confirmed(codes: string[]): void; cancelled(): void }) {
  const [qrImage, setQrImage] = createSignal<string>();
  const [qrFailed, setQrFailed] = createSignal(false);
  // Its own chunk: uqr is loaded only by someone who enrols. Without it the key still works by hand.
  import("./qr.ts")
    .then(({ qrCodeImage }) => setQrImage(qrCodeImage(props.enrolment.uri)))
    .catch(() => setQrFailed(true));
  const confirming = createSubmit(async (form) => {
    const { codes } = await api.confirmTotp(sixDigits(form.get("code")), String(form.get("password") ?? ""));
    props.confirmed(codes);
  });

  return (
    <div class="enrolment">
      <h3 tabindex="-1" ref={focusWhenShown}>
        {t("acctTotpSetUp")}
      </h3>
      <p>{t("acctTotpScan")}</p>
      <Switch fallback={<p class="muted">{t("loading")}</p>}>
        <Match when={qrFailed()}>
          <p class="muted">{t("acctTotpQrFailed")}</p>
        </Match>
        <Match when={qrImage()}>
          {(image) => <img class="qr" src={image()} width={232} height={232} alt={t("acctTotpQrAlt")} />}
        </Match>
      </Switch>
      <p>
        {t("acctTotpKey")}{" "}
        {/* Once, in groups of four for reading or typing; the spaces are only margins, so the text a
            screen reader reads or a person copies is the plain key. */}
        <code class="secret" data-testid="totp-secret">
          <For each={groupsOfFour(props.enrolment.secret)}>{(group) => <span>{group}</span>}</For>
        </code>
      </p>
      <Form
        submission={confirming}
        fieldFor={CONFIRMATION_REFUSALS}
        submitLabel={t("acctTotpConfirm")}
        submitTestid="totp-confirm"
        actions={
          <button type="button" class="secondary" onClick={() => props.cancelled()}>
            {t("cancel")}
          </button>
        }
      >
        <CodeInput name="code" testId="totp-code" label={t("acctTotpCode")} />
        {/* The password too: a session alone (stolen, or left open) must not switch 2FA on and lock the owner out. */}
        <Field
          label={t("acctTotpPassword")}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          data-testid="totp-password"
        />
      </Form>
    </div>
  );
}

function RecoveryCodesPanel(props: { email: string; codes: string[]; done(): void }) {
  const download = () => {
    const lines = [tf("acctRecoveryFileHeader", { email: props.email }), "", ...props.codes, ""];
    saveFile("anteroom-recovery-codes.txt", new Blob([lines.join("\n")], { type: "text/plain;charset=utf-8" }));
  };
  return (
    <div class="recovery">
      <h3 tabindex="-1" ref={focusWhenShown}>
        {t("acctRecoveryTitle")}
      </h3>
      <p>{t("acctRecoveryExplain")}</p>
      <ol class="codes" data-testid="recovery-codes">
        <For each={props.codes}>{(code) => <li data-testid="recovery-code">{code}</li>}</For>
      </ol>
      <div class="row wrap">
        <button type="button" class="secondary" onClick={download} data-testid="recovery-download">
          {t("acctRecoveryDownload")}
        </button>
        <button type="button" onClick={() => props.done()} data-testid="recovery-saved">
          {t("acctRecoverySaved")}
        </button>
      </div>
    </div>
  );
}

function SwitchOff(props: { switchedOff(): void }) {
  const [open, setOpen] = createSignal(false);
  let opener: HTMLButtonElement | undefined;
  // Whether the practice lets it be switched off; if that cannot be read, the server still says no.
  const [required] = createResource(() =>
    api
      .practice()
      .then((practice) => practice.requireTotp)
      .catch(() => false),
  );
  const switchingOff = createSubmit(async (form) => {
    await api.disableTotp(String(form.get("password")), sixDigits(form.get("code")));
    props.switchedOff();
  });
  const close = () => {
    setOpen(false);
    opener?.focus();
  };

  return (
    <Show when={!required.loading}>
      <Show
        when={!required()}
        fallback={
          <p class="muted" data-testid="totp-mandatory">
            {t("acctTotpRequiredByPractice")}
          </p>
        }
      >
        <Show
          when={open()}
          fallback={
            <button
              type="button"
              class="secondary"
              ref={opener}
              onClick={() => setOpen(true)}
              data-testid="totp-disable-open"
            >
              {t("acctTotpSwitchOff")}
            </button>
          }
        >
          <Form
            class="subform"
            submission={switchingOff}
            fieldFor={CONFIRMATION_REFUSALS}
            submitLabel={t("acctTotpSwitchOffConfirm")}
            submitClass="danger"
            submitTestid="totp-disable"
            actions={
              <button type="button" class="secondary" onClick={close}>
                {t("cancel")}
              </button>
            }
          >
            <h3 tabindex="-1" ref={focusWhenShown}>
              {t("acctTotpSwitchOff")}
            </h3>
            <p>{t("acctTotpSwitchOffExplain")}</p>
            <Field
              label={t("password")}
              name="password"
              type="password"
              autocomplete="current-password"
              required
              data-testid="totp-disable-password"
            />
            <CodeInput name="code" testId="totp-disable-code" label={t("acctTotpCode")} />
          </Form>
        </Show>
      </Show>
    </Show>
  );
}

export function TwoFactorSection(props: { me: ProviderView; changed(next: Partial<ProviderView>): void }) {
  const [enrolment, setEnrolment] = createSignal<TotpEnrolment>();
  const [codes, setCodes] = createSignal<string[]>();
  const [switchedOff, setSwitchedOff] = createSignal(false);
  const [startError, setStartError] = createSignal<string>();
  const [starting, setStarting] = createSignal(false);
  let enrolButton: HTMLButtonElement | undefined;
  let enabledLine: HTMLParagraphElement | undefined;

  async function start() {
    setStarting(true);
    setStartError(undefined);
    setSwitchedOff(false);
    try {
      setEnrolment(await api.enrolTotp());
    } catch (e) {
      // Switched on meanwhile (in another tab): show it as it is.
      if (e instanceof ApiError && e.code === "totp-already-enabled") props.changed({ totpEnabled: true });
      else setStartError(describeError(e));
    } finally {
      setStarting(false);
    }
  }

  return (
    <section class="card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t("acctTotp")}</h2>
      <Show
        when={props.me.totpEnabled}
        fallback={
          <>
            <p class="status" role="status">
              <Show when={switchedOff()}>
                <span tabindex="-1" ref={focusWhenShown} data-testid="totp-off">
                  {t("acctTotpOff")}
                </span>
              </Show>
            </p>
            <p>{t("acctTotpExplain")}</p>
            <Show
              when={enrolment()}
              fallback={
                <>
                  <Show when={startError()}>
                    <p class="error" role="alert">
                      {startError()}
                    </p>
                  </Show>
                  <button
                    type="button"
                    ref={enrolButton}
                    disabled={starting()}
                    onClick={start}
                    data-testid="totp-enrol"
                  >
                    {t("acctTotpEnrol")}
                  </button>
                </>
              }
            >
              {(current) => (
                <Enrolment
                  enrolment={current()}
                  confirmed={(list) =>
                    batch(() => {
                      setEnrolment(undefined);
                      setCodes(list);
                      props.changed({ totpEnabled: true, mustEnrolTotp: false });
                    })
                  }
                  cancelled={() => {
                    setEnrolment(undefined);
                    enrolButton?.focus();
                  }}
                />
              )}
            </Show>
          </>
        }
      >
        <p class="ok enabled" role="status" tabindex="-1" ref={enabledLine} data-testid="totp-enabled">
          {t("acctTotpOn")}
        </p>
        <Show
          when={codes()}
          fallback={
            <SwitchOff
              switchedOff={() => {
                setSwitchedOff(true);
                props.changed({ totpEnabled: false });
              }}
            />
          }
        >
          {(list) => (
            <RecoveryCodesPanel
              email={props.me.email}
              codes={list()}
              done={() => {
                setCodes(undefined);
                enabledLine?.focus();
              }}
            />
          )}
        </Show>
      </Show>
    </section>
  );
}
