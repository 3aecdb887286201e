// The patient's path: check the link, see yourself, give a name and consent, wait to be admitted. The
// same page for an invitation's link (Join.tsx) and a provider's personal room (Room.tsx): only where
// the status comes from, how to enter, and the words for a link that leads nowhere differ.
import { useNavigate } from "@solidjs/router";
import {
  createMemo,
  createRenderEffect,
  createResource,
  createSignal,
  lazy,
  Match,
  onCleanup,
  Show,
  Suspense,
  Switch,
} from "solid-js";
import type { InviteState, InviteStatus, JoinBody, JoinTicket } from "../../../schema/api-types.ts";
import { CONSENT_TEXT_VERSION, DEFAULT_CONSENT_TEXT } from "../../../schema/consent.ts";
import { MAX_NAME_LENGTH } from "../../../schema/limits.ts";
import { describeError } from "../forms/submit.ts";
import { ApiError } from "../shared/api.ts";
import { brandStyle } from "../shared/brand-colour.ts";
import { browserClock } from "../shared/clock.ts";
import { formatDateTime, language, type MessageKey, t, tf } from "../shared/i18n.ts";
import { relayOnly, setRelayOnly } from "../shared/ice.ts";
import { LoadFailed } from "../shared/load-failed.tsx";
import {
  type DeviceChoice,
  handOverSpeaker,
  handOverStream,
  type MediaResult,
  openCameraAndMicrophone,
  stopStream,
} from "../shared/media.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";
import { keepWaitingTicket, takeWaitingTicket } from "../shared/tickets.ts";
import { ConsentBlock } from "./consent-block.tsx";
import { countdownText, watchCountdown } from "./countdown.ts";
import { DeviceCheckBlur } from "./device-check/blur-check.tsx";
import { DeviceChoices, DeviceStatus } from "./device-check/DeviceCheck.tsx";
import { keepBrand } from "./kept-brand.ts";
import { PracticeLine } from "./practice-line.tsx";

const inviteProblem: Record<Exclude<InviteState, "valid">, MessageKey> = {
  unknown: "inviteUnknown",
  expired: "inviteExpired",
  revoked: "inviteRevoked",
  cancelled: "appointmentCancelled",
  "not-yet-valid": "inviteNotYetValid",
};

/** The `invite-state` hook's name for a link that cannot be used; none for one not valid yet. */
function stateHook(state: InviteState): string | undefined {
  if (state === "revoked") return "withdrawn";
  if (state === "cancelled" || state === "expired" || state === "unknown") return state;
  return undefined;
}

/** Everything after entering loads then: the join page's first load stays small. */
const PatientWaiting = lazy(() => import("../waiting/PatientWaiting.tsx"));

type Phase =
  | { name: "form" }
  | { name: "joining" }
  /** Entered: the waiting room (PatientWaiting) takes over with this ticket. */
  | { name: "entered"; ticket: string }
  /** Entering again may help: the form is shown with the message. */
  | { name: "failed"; message: string };

/** The text the patient accepts, in the page's language, with its version (the practice's or the default). */
function consentOf(status: InviteStatus) {
  const consent = status.consent ?? { version: CONSENT_TEXT_VERSION, ...DEFAULT_CONSENT_TEXT };
  return { version: consent.version, text: consent[language()] };
}

/** The first entry the join form still lacks: a name that is not only spaces, then the agreement. */
function missingEntry(form: FormData): "name" | "consent" | undefined {
  if (String(form.get("name") ?? "").trim() === "") return "name";
  if (form.get("consent") === null) return "consent";
  return undefined;
}

/** Where a patient enters from: an invitation's link or a provider's personal room. */
export interface JoinSource {
  /** Names this entrance in the tab's storage (the waiting ticket kept for a reload). */
  key: string;
  /** The page's own path, for the end page's "back" link. */
  path: string;
  status(): Promise<InviteStatus>;
  join(body: JoinBody): Promise<JoinTicket>;
  /** What an unknown link says (a personal room switched off or renamed says the same). */
  unknown: MessageKey;
  /** A line under the heading, for walk-ins. */
  hint?: MessageKey;
  /** An API code meaning the entrance itself went away meanwhile: the page then shows why. */
  goneCode?: string;
}

export function JoinPage(props: { source: JoinSource }) {
  const source = props.source;
  const navigate = useNavigate();
  const [invite, { refetch: refetchInvite }] = createResource(source, (from) => from.status());
  const problemText = (state: Exclude<InviteState, "valid">) =>
    t(state === "unknown" ? source.unknown : inviteProblem[state]);
  let disposed = false;
  /** The patient's choices: audio only (camera blocked, missing or refused), and which devices. */
  const [choice, setChoice] = createSignal<DeviceChoice>({});
  const [speaker, setSpeaker] = createSignal<string>();
  const audioOnly = () => choice().audioOnly === true;
  /** The stream shown now, stopped before another device is opened (phones cannot open two cameras). */
  let current: MediaStream | undefined;
  /** The wait ended without a call: camera and microphone are off, and the check is hidden until needed. */
  const [released, setReleased] = createSignal(false);
  // The source is an object: Solid does not fetch while a source is false.
  const [media, { refetch: retryMedia }] = createResource(choice, async (next): Promise<MediaResult> => {
    stopStream(current);
    current = undefined;
    const result = await openCameraAndMicrophone(next);
    // The page may have been left, or the wait ended, while the browser asked for permission.
    if ((disposed || released()) && result.ok) stopStream(result.stream);
    else if (result.ok) current = result.stream;
    return result;
  });
  // A reload while waiting goes straight back to the same place in the queue.
  const kept = takeWaitingTicket(source.key);
  const [phase, setPhase] = createSignal<Phase>(kept ? { name: "entered", ticket: kept } : { name: "form" });
  let admitted = false;
  usePageTitle(() => "pageWaitingRoom");

  /**
   * When the waiting room opens, on this device's clock: the server's `opensAt` moved by how far the
   * device's clock is from the server's, so a phone whose clock is off still opens on time.
   */
  const opensHere = createMemo(() => {
    const status = invite();
    if (!status?.opensAt || !status.now) return undefined;
    return Date.parse(status.opensAt) + (Date.now() - Date.parse(status.now));
  });
  /** Time left until the opening while it is ahead; undefined once it is open (or was when the page came). */
  const [untilOpen, setUntilOpen] = createSignal<number>();
  /** Opened while the patient watched the countdown: said once in a status line. */
  const [openedHere, setOpenedHere] = createSignal(false);
  // A render effect runs at once: an open room never flashes its countdown.
  createRenderEffect(() => {
    const target = opensHere();
    if (target === undefined) return setUntilOpen(undefined);
    const stop = watchCountdown(browserClock, target, setUntilOpen, () => {
      if (untilOpen() !== undefined) setOpenedHere(true);
      setUntilOpen(undefined);
    });
    onCleanup(stop);
  });

  onCleanup(() => {
    disposed = true;
    if (!admitted) stopStream(current);
  });

  /** Denied, left or closed: the camera's light goes out. */
  function releaseDevices() {
    stopStream(current);
    current = undefined;
    setReleased(true);
  }

  /** Back to the form, to enter again: the device check opens camera and microphone again. */
  function backToForm(message?: string) {
    setPhase(message ? { name: "failed", message } : { name: "form" });
    if (!released()) return;
    setReleased(false);
    void retryMedia();
  }

  /**
   * The room refused because it does not open yet (the practice moved the appointment later): the
   * link's status gives the new opening time, and the countdown shows it until the room opens.
   */
  async function backEarly() {
    await refetchInvite();
    backToForm();
  }

  /** Admitted: the camera goes on into the call as it is, and the practice's branding with it (for its end page). */
  function enterCall(consultationId: string) {
    admitted = true;
    const status = invite();
    keepBrand(consultationId, {
      joinPath: source.path,
      practiceName: status?.practiceName,
      contactLine: status?.contactLine,
      logoUrl: status?.logoUrl,
      brandColour: status?.brandColour,
    });
    if (current) handOverStream(current);
    handOverSpeaker(speaker());
    navigate(`/c/${consultationId}`);
  }

  /** What the device check found, for the provider's list. */
  function deviceCheck() {
    const tracks = current?.getTracks() ?? [];
    return {
      camera: !audioOnly() && tracks.some((track) => track.kind === "video"),
      microphone: tracks.some((track) => track.kind === "audio"),
    };
  }

  /** If the link itself is no longer good, why; undefined when it still works or cannot be checked. */
  async function linkProblem(): Promise<string | undefined> {
    const status = await source.status().catch(() => undefined);
    if (!status || status.status === "valid") return undefined;
    return problemText(status.status as Exclude<InviteState, "valid">);
  }

  /** A patient is let in with a working microphone at least: never silently with nothing. */
  const deviceReady = () => media()?.ok === true && !media.loading && !released();

  /**
   * The name given when entering, kept for entering again after leaving. It stays in this page: the
   * waiting room keeps it in the tab and sends it sealed to the practice's devices only (issue 25).
   */
  let enteredName = "";

  /** The field the patient has yet to fill in, once they tried to enter. */
  const [missing, setMissing] = createSignal<"name" | "consent">();

  async function submit(event: SubmitEvent, consentVersion: string) {
    event.preventDefault();
    if (!deviceReady()) return;
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    // Our own words, in the page's language and beside the field, instead of the browser's bubble
    // (which covers the button on a phone and may speak another language).
    const missing = missingEntry(form);
    setMissing(missing);
    if (missing) {
      formElement.querySelector<HTMLInputElement>(`[name="${missing}"]`)?.focus();
      return;
    }
    enteredName = String(form.get("name"));
    setPhase({ name: "joining" });
    try {
      const { ticket } = await source.join({
        consent: true,
        consentVersion,
        // The record says which of the version's two languages the patient read.
        consentLanguage: language(),
      });
      keepWaitingTicket(source.key, ticket);
      setPhase({ name: "entered", ticket });
    } catch (e) {
      if (e instanceof ApiError && e.code === "waiting-room-not-open") {
        // Entered a moment too early: the countdown again, by the server's clock.
        await refetchInvite();
        setPhase({ name: "form" });
        return;
      }
      if (e instanceof ApiError && source.goneCode !== undefined && e.code === source.goneCode) {
        // Switched off or renamed while the patient filled in the form: the page says so, as on a reload.
        await refetchInvite();
        setPhase({ name: "form" });
        return;
      }
      if (e instanceof ApiError && e.code === "consent-outdated") {
        // The practice changed its text meanwhile: show the new one, to be read and agreed to again.
        await refetchInvite();
        const consent = formElement.elements.namedItem("consent");
        if (consent instanceof HTMLInputElement) consent.checked = false;
        setPhase({ name: "failed", message: t("consentChanged") });
        return;
      }
      setPhase({ name: "failed", message: describeError(e) });
    }
  }

  /** Entered: the waiting room's status leads, and the device check folds away under it. */
  const waiting = () => phase().name === "entered";

  /** Whether the patient opened the device check folded under the waiting room. */
  const [foldOpen, setFoldOpen] = createSignal(false);

  /** Preview, verdict and level: first thing on the form, folded away while waiting. */
  /** The blurred camera for the preview while background blur is on. */
  const [blurPreview, setBlurPreview] = createSignal<MediaStream>();
  /** The camera blur works on: none without a picture. */
  const camera = () => {
    const current = media();
    return current?.ok && !audioOnly() && current.stream.getVideoTracks().length > 0 ? current.stream : undefined;
  };

  const deviceStatus = () => (
    <DeviceStatus
      media={media()}
      audioOnly={audioOnly()}
      preview={blurPreview()}
      retry={() => void retryMedia()}
      continueAudioOnly={() => setChoice({ audioOnly: true })}
    />
  );

  /**
   * Which camera, microphone and speaker, background blur, and whether to hide the network address:
   * below Enter, so that a phone shows Enter at once. Folded away, blur (if on) waits until shown again.
   */
  const deviceChoices = (folded?: () => boolean) => (
    <>
      <Show when={camera()} keyed>
        {(stream) => <DeviceCheckBlur stream={stream} paused={folded?.()} preview={setBlurPreview} />}
      </Show>
      <DeviceChoices
        media={media()}
        audioOnly={audioOnly()}
        speaker={speaker()}
        useCamera={(cameraId) => setChoice({ ...choice(), cameraId })}
        useMicrophone={(microphoneId) => setChoice({ ...choice(), microphoneId })}
        setSpeaker={setSpeaker}
      />
      <label class="check">
        <input
          type="checkbox"
          data-testid="relay-only"
          checked={relayOnly()}
          aria-describedby="relay-only-help"
          onChange={(e) => setRelayOnly(e.currentTarget.checked)}
        />
        <span>{t("hideAddress")}</span>
      </label>
      {/* The plain words are on the box; how it works is one click away. */}
      <details class="relay-help">
        <summary>{t("hideAddressWhat")}</summary>
        <small class="muted" id="relay-only-help">
          {t("hideAddressHelp")}
        </small>
      </details>
    </>
  );

  return (
    <Switch fallback={<p class="muted">{t("loading")}</p>}>
      <Match when={invite.error}>
        <LoadFailed />
      </Match>
      <Match when={invite()?.status !== "valid" && invite()}>
        {(status) => (
          <div class="card narrow" role="alert" data-testid="invite-error" data-status={status().status}>
            <h1 tabindex="-1" ref={focusWhenShown}>
              {t("joinTitle")}
            </h1>
            <p
              data-testid={stateHook(status().status) ? "invite-state" : undefined}
              data-state={stateHook(status().status)}
            >
              {problemText(status().status as Exclude<InviteState, "valid">)}
              <Show when={status().status === "not-yet-valid" && status().validFrom}>
                {(from) => <> {formatDateTime(from())}.</>}
              </Show>
            </p>
            <PracticeLine brand={status()} />
          </div>
        )}
      </Match>
      <Match when={invite()}>
        {(status) => (
          <div class="join" classList={{ waiting: waiting() }} style={brandStyle(status().brandColour)}>
            <div class="join-head">
              <PracticeLine brand={status()} />
              <h1>
                {t("joinTitle")}
                <Show when={status().providerName}>
                  {" "}
                  {t("withProvider")} {status().providerName}
                </Show>
              </h1>
              <Show when={status().startsAt}>
                {(at) => <p class="muted">{tf("appointmentAt", { time: formatDateTime(at()) })}</p>}
              </Show>
              <Show when={source.hint}>
                {(hint) => (
                  <p class="muted" data-testid="walk-in-hint">
                    {t(hint())}
                  </p>
                )}
              </Show>
            </div>
            <Show when={!released() && !waiting()}>
              <section class="card device-status" aria-labelledby="device-heading">
                {deviceStatus()}
              </section>
            </Show>
            <div class="join-main">
              {/* Present while the countdown runs, so that screen readers announce the line when it fills. */}
              <p role="status" class="status" data-testid="waiting-room-open-now">
                <Show when={openedHere() && phase().name !== "entered"}>{t("waitingRoomOpenNow")}</Show>
              </p>
              <Switch>
                <Match when={phase().name !== "entered" && untilOpen() !== undefined && status().opensAt}>
                  {(opensAt) => (
                    <section
                      class="card"
                      aria-labelledby="opens-heading"
                      data-testid="waiting-room-opens"
                      data-opens-at={Date.parse(opensAt())}
                    >
                      <h2 id="opens-heading">{tf("waitingRoomOpensAt", { time: formatDateTime(opensAt()) })}</h2>
                      <p>
                        {t("waitingRoomOpensIn")}{" "}
                        <span role="timer" class="countdown" data-testid="countdown">
                          {countdownText(untilOpen() ?? 0)}
                        </span>
                      </p>
                      <p class="muted">{t("waitingRoomEarlyHint")}</p>
                    </section>
                  )}
                </Match>
                <Match when={phase().name === "form" || phase().name === "joining" || phase().name === "failed"}>
                  <form
                    class="card"
                    noValidate
                    onSubmit={(event) => void submit(event, consentOf(status()).version)}
                    onInput={() => setMissing(undefined)}
                  >
                    <label>
                      {t("yourName")}
                      <input
                        name="name"
                        required
                        maxLength={MAX_NAME_LENGTH}
                        autocomplete="name"
                        value={enteredName}
                        aria-invalid={missing() === "name"}
                        aria-describedby="patient-name-missing"
                        data-testid="patient-name"
                      />
                    </label>
                    <p id="patient-name-missing" class="status error" data-testid="patient-name-missing">
                      <Show when={missing() === "name"}>{t("nameMissing")}</Show>
                    </p>
                    <ConsentBlock id="consent-text" text={consentOf(status()).text} />
                    <label class="check">
                      <input
                        type="checkbox"
                        name="consent"
                        required
                        aria-invalid={missing() === "consent"}
                        aria-describedby="consent-text consent-missing"
                        data-testid="consent-checkbox"
                      />
                      <span>{t("consentAgree")}</span>
                    </label>
                    <p id="consent-missing" class="status error" data-testid="consent-missing">
                      <Show when={missing() === "consent"}>{t("consentMissing")}</Show>
                    </p>
                    <Show when={phase().name === "failed"}>
                      <p class="error" role="alert">
                        {(phase() as Extract<Phase, { name: "failed" }>).message}
                      </p>
                    </Show>
                    <Show when={media() && !deviceReady()}>
                      <p class="muted">{t("checkFirst")}</p>
                    </Show>
                    <button
                      type="submit"
                      disabled={phase().name === "joining" || !deviceReady()}
                      data-testid="join-waiting-room"
                    >
                      {phase().name === "joining" ? t("joining") : t("enterWaitingRoom")}
                    </button>
                  </form>
                </Match>
                <Match when={phase().name === "entered" && (phase() as Extract<Phase, { name: "entered" }>)}>
                  {(entered) => (
                    <Suspense fallback={<p class="muted card">{t("joining")}</p>}>
                      <PatientWaiting
                        token={source.key}
                        ticket={entered().ticket}
                        name={enteredName}
                        device={deviceCheck}
                        admitted={enterCall}
                        back={backToForm}
                        early={() => void backEarly()}
                        releaseDevices={releaseDevices}
                        linkProblem={linkProblem}
                      />
                    </Suspense>
                  )}
                </Match>
              </Switch>
            </div>
            <Show when={!released()}>
              <Show
                when={waiting()}
                fallback={
                  <section class="card device-settings" aria-label={t("deviceSettingsLabel")}>
                    {deviceChoices()}
                  </section>
                }
              >
                {/* Waiting, the place and the practice's words come first; the check folds away below. */}
                <details
                  class="card device-fold"
                  data-testid="device-fold"
                  onToggle={(event) => setFoldOpen(event.currentTarget.open)}
                >
                  <summary>{t("deviceFoldSummary")}</summary>
                  <section class="device-status" aria-labelledby="device-heading">
                    {deviceStatus()}
                  </section>
                  <section class="device-settings" aria-label={t("deviceSettingsLabel")}>
                    {deviceChoices(() => !foldOpen())}
                  </section>
                </details>
              </Show>
            </Show>
          </div>
        )}
      </Match>
    </Switch>
  );
}
