// The patient's device check before the waiting room: the browser's permission box explained, the
// camera preview, a plain verdict with what to do, a live microphone level, a test sound, and the
// choice of camera, microphone and speaker. Join owns the stream; these parts render and forward.
import { createResource, createSignal, Match, onCleanup, Show, Switch } from "solid-js";
import { enableSoundOnFirstGesture, pageAudio } from "../../shared/chime.ts";
import { DeviceSelect, deviceInUse, SpeakerSelect } from "../../shared/devices.tsx";
import { type MessageKey, t } from "../../shared/i18n.ts";
import { listDevices, type MediaResult } from "../../shared/media.ts";
import { Video } from "../../shared/video.tsx";
import { browserFamily } from "./browser.ts";
import { analyserSource, HEARD_LEVEL, MicLevelMeter } from "./mic-level.ts";
import { playTestSound } from "./speaker-test.ts";
import { deviceVerdict } from "./verdict.ts";

const family = browserFamily(typeof navigator === "undefined" ? "" : navigator.userAgent);

/** Where the browser's own permission box appears, as a small picture (x, y of the box in a 240×150 window). */
const promptAt: Record<ReturnType<typeof browserFamily>, { x: number; y: number }> = {
  chromium: { x: 14, y: 30 },
  firefox: { x: 6, y: 30 },
  safari: { x: 70, y: 30 },
  mobile: { x: 70, y: 80 },
};

/** A picture and words: where to click "Allow" while the browser asks, or how to unblock it after. */
export function PermissionHint(props: { blocked: boolean }) {
  const at = promptAt[family];
  return (
    <div class="permission-hint" data-testid="permission-hint" data-browser={family} role="note">
      <svg viewBox="0 0 240 150" width="160" height="100" aria-hidden="true">
        <rect x="1" y="1" width="238" height="148" rx="8" fill="#fff" stroke="#8a94a0" stroke-width="2" />
        <rect x="30" y="8" width="180" height="14" rx="7" fill="#e7eaee" />
        <rect x={at.x} y={at.y} width="100" height="56" rx="6" fill="#fff" stroke="#1b1f24" stroke-width="2" />
        <rect x={at.x + 8} y={at.y + 10} width="60" height="6" rx="3" fill="#b9c0c9" />
        <rect x={at.x + 52} y={at.y + 32} width="40" height="16" rx="4" fill="#0b6e4f" />
        <path
          d={`M${at.x + 130} ${at.y + 70} L${at.x + 98} ${at.y + 46}`}
          stroke="#b3261e"
          stroke-width="4"
          stroke-linecap="round"
        />
        <path d={`M${at.x + 96} ${at.y + 44} l12 1 l-6 10 z`} fill="#b3261e" />
      </svg>
      <p>
        <Show when={!props.blocked}>
          <strong>{t("permissionAsking")}</strong>{" "}
        </Show>
        {t(`${props.blocked ? "permissionBlocked" : "permissionAsk"}_${family}` as MessageKey)}
      </p>
    </div>
  );
}

/** The live level of the stream's microphone, with a way to start it where the browser waits for a click. */
export function MicLevel(props: { stream: MediaStream }) {
  const [level, setLevel] = createSignal(0);
  const [heard, setHeard] = createSignal(false);
  const audio = pageAudio();
  const [running, setRunning] = createSignal(audio?.state === "running");
  if (audio) {
    const meter = new MicLevelMeter(analyserSource(audio, props.stream), (next) => {
      setLevel(next);
      if (next >= HEARD_LEVEL) setHeard(true);
    });
    const changed = () => setRunning(audio.state === "running");
    audio.addEventListener("statechange", changed);
    const stopWaiting = enableSoundOnFirstGesture();
    onCleanup(() => {
      meter.stop();
      stopWaiting();
      audio.removeEventListener("statechange", changed);
    });
  }
  return (
    <div class="mic-level">
      <label for="mic-level-meter">{t("micLevel")}</label>
      <meter id="mic-level-meter" min="0" max="1" value={level()} data-testid="mic-level" data-level={level()} />
      <Show
        when={running() || !audio}
        fallback={
          <button type="button" class="secondary" data-testid="mic-level-start" onClick={() => void audio?.resume()}>
            {t("micStart")}
          </button>
        }
      >
        <p class="muted" aria-live="polite">
          {heard() ? t("micHeard") : t("micSpeak")}
        </p>
      </Show>
    </div>
  );
}

/** Preview, verdict and level: what the patient looks at first. */
export function DeviceStatus(props: {
  media: MediaResult | undefined;
  audioOnly: boolean;
  retry(): void;
  continueAudioOnly(): void;
  /** The blurred camera while background blur is on (the toggle sits with the device choices). */
  preview?: MediaStream | undefined;
}) {
  const verdict = () => (props.media ? deviceVerdict(props.media, props.audioOnly) : undefined);
  const failure = () => {
    const current = verdict();
    return current?.state === "failed" ? current : undefined;
  };
  const stream = () => (props.media?.ok ? props.media.stream : undefined);
  return (
    <>
      <h2 id="device-heading">{t("cameraCheck")}</h2>
      <Switch>
        <Match when={!verdict()}>
          <PermissionHint blocked={false} />
        </Match>
        <Match when={failure()}>
          {(failed) => (
            <div role="alert" class="verdict failed" data-testid="device-check-verdict" data-state="failed">
              <p class="error">
                <strong>{t("deviceCheckFailed")}</strong>
              </p>
              <p data-testid="device-problem">{t(failed().problem)}</p>
              <Show when={failed().problem === "cameraDenied"}>
                <PermissionHint blocked />
              </Show>
              <div class="actions">
                <button type="button" onClick={() => props.retry()}>
                  {t("retry")}
                </button>
                <Show when={failed().audioOnlyHelps}>
                  <button
                    type="button"
                    class="secondary"
                    data-testid="audio-only-continue"
                    onClick={() => props.continueAudioOnly()}
                  >
                    {t("continueAudioOnly")}
                  </button>
                </Show>
              </div>
            </div>
          )}
        </Match>
        <Match when={stream()}>
          {(live) => (
            <div class="device-live">
              <Show when={verdict()?.state === "ok"}>
                <Video stream={props.preview ?? live()} muted testid="local-video" class="preview" />
              </Show>
              <div>
                <p class="ok verdict" role="status" data-testid="device-check-verdict" data-state={verdict()?.state}>
                  {verdict()?.state === "ok" ? t("cameraOk") : t("audioOnlyOk")}
                </p>
                <Show when={live()} keyed>
                  {(current) => <MicLevel stream={current} />}
                </Show>
              </div>
            </div>
          )}
        </Match>
      </Switch>
    </>
  );
}

type SpeakerState = "idle" | "playing" | "asked" | "heard" | "not-heard";

/** "Play a test sound", then "did you hear it?", with advice when not. */
export function SpeakerTest(props: { speaker: string | undefined }) {
  const [state, setState] = createSignal<SpeakerState>("idle");
  async function play() {
    const audio = pageAudio();
    setState("playing");
    if (audio) await playTestSound(audio, props.speaker);
    setState("asked");
  }
  return (
    <div class="speaker-test">
      <button
        type="button"
        class="secondary"
        data-testid="speaker-test"
        disabled={state() === "playing"}
        onClick={() => void play()}
      >
        {state() === "playing" ? t("speakerPlaying") : t("speakerTest")}
      </button>
      <Switch>
        <Match when={state() === "asked"}>
          <fieldset class="speaker-question">
            <legend>{t("speakerQuestion")}</legend>
            <button type="button" data-testid="speaker-heard" onClick={() => setState("heard")}>
              {t("speakerYes")}
            </button>
            <button
              type="button"
              class="secondary"
              data-testid="speaker-not-heard"
              onClick={() => setState("not-heard")}
            >
              {t("speakerNo")}
            </button>
          </fieldset>
        </Match>
        <Match when={state() === "heard"}>
          <p class="ok" role="status">
            {t("speakerOk")}
          </p>
        </Match>
        <Match when={state() === "not-heard"}>
          <p role="status">{t("speakerAdvice")}</p>
        </Match>
      </Switch>
    </div>
  );
}

/** Camera, microphone and speaker to choose, once the browser names them (after permission). */
export function DeviceChoices(props: {
  media: MediaResult | undefined;
  audioOnly: boolean;
  speaker: string | undefined;
  useCamera(deviceId: string): void;
  useMicrophone(deviceId: string): void;
  setSpeaker(deviceId: string): void;
}) {
  // Labels appear only after permission: list again when the stream changes or a device is plugged in.
  const [devices, { refetch }] = createResource(
    () => props.media,
    () => listDevices(),
    { initialValue: [] },
  );
  const refresh = () => void refetch();
  navigator.mediaDevices?.addEventListener?.("devicechange", refresh);
  onCleanup(() => navigator.mediaDevices?.removeEventListener?.("devicechange", refresh));
  const stream = () => (props.media?.ok ? props.media.stream : undefined);
  return (
    <div class="device-fields">
      <Show when={stream()}>
        <Show when={!props.audioOnly}>
          <DeviceSelect
            kind="videoinput"
            devices={devices()}
            label={t("camera")}
            testid="camera-select"
            selected={deviceInUse(stream(), "video")}
            choose={(id) => props.useCamera(id)}
          />
        </Show>
        <DeviceSelect
          kind="audioinput"
          devices={devices()}
          label={t("microphone")}
          testid="mic-select"
          selected={deviceInUse(stream(), "audio")}
          choose={(id) => props.useMicrophone(id)}
        />
      </Show>
      <SpeakerSelect devices={devices()} selected={props.speaker} choose={(id) => props.setSpeaker(id)} />
      <SpeakerTest speaker={props.speaker} />
    </div>
  );
}
