// Switching camera, microphone and speaker during the call, front/rear on phones, and background blur.
import { createResource, createSignal, onCleanup, Show } from "solid-js";
import { DeviceSelect, deviceInUse, SpeakerSelect } from "../../shared/devices.tsx";
import { t } from "../../shared/i18n.ts";
import { listDevices } from "../../shared/media.ts";
import type { BlurSwitch } from "../blur/blur-switch.ts";
import { BlurToggle } from "../blur/blur-toggle.tsx";
import type { DeviceKind } from "../session.ts";
import { Modal } from "./dialogs.tsx";

export function DeviceSettings(props: {
  /** What the call sends now, to preselect it. */
  stream: MediaStream | undefined;
  speaker: string | undefined;
  useDevice(kind: DeviceKind, deviceId: string): Promise<boolean>;
  flipCamera(): Promise<boolean>;
  setSpeaker(deviceId: string): void;
  blur: BlurSwitch;
  close(): void;
}) {
  const [devices, { refetch }] = createResource(listDevices, { initialValue: [] });
  const [problem, setProblem] = createSignal(false);
  const refresh = () => void refetch();
  navigator.mediaDevices?.addEventListener?.("devicechange", refresh);
  onCleanup(() => navigator.mediaDevices?.removeEventListener?.("devicechange", refresh));

  const inUse = (kind: "audio" | "video") => deviceInUse(props.stream, kind);
  const cameras = () => devices().filter((d) => d.kind === "videoinput").length;

  async function choose(kind: DeviceKind, deviceId: string) {
    setProblem(!(await props.useDevice(kind, deviceId)));
  }

  return (
    <Modal labelledBy="devices-title" onClose={() => props.close()}>
      <h2 id="devices-title">{t("deviceSettingsTitle")}</h2>
      <div class="device-fields">
        <DeviceSelect
          kind="videoinput"
          devices={devices()}
          label={t("camera")}
          testid="camera-select"
          selected={inUse("video")}
          choose={(id) => void choose("videoinput", id)}
        />
        <DeviceSelect
          kind="audioinput"
          devices={devices()}
          label={t("microphone")}
          testid="mic-select"
          selected={inUse("audio")}
          choose={(id) => void choose("audioinput", id)}
        />
        <SpeakerSelect devices={devices()} selected={props.speaker} choose={(id) => props.setSpeaker(id)} />
        <Show when={cameras() > 1}>
          <button
            type="button"
            class="secondary"
            data-testid="flip-camera"
            onClick={async () => setProblem(!(await props.flipCamera()))}
          >
            {t("flipCamera")}
          </button>
        </Show>
        <BlurToggle blur={props.blur} />
      </div>
      <Show when={problem()}>
        <p class="error" role="alert">
          {t("deviceSwitchFailed")}
        </p>
      </Show>
      <div class="dialog-actions">
        <button type="button" onClick={() => props.close()}>
          {t("close")}
        </button>
      </div>
    </Modal>
  );
}
