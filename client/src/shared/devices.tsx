// The browser's cameras, microphones and speakers as a labelled select: used by the device check
// before the waiting room and by the device settings during the call.
import { For, Show } from "solid-js";
import { t, tf } from "./i18n.ts";

/** Whether this browser can choose the speaker a page plays on (Safari cannot). */
const canChooseSpeaker = () => typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;

/** The device a stream's track of that kind comes from. */
export function deviceInUse(stream: MediaStream | undefined, kind: "audio" | "video"): string | undefined {
  return stream
    ?.getTracks()
    .find((track) => track.kind === kind)
    ?.getSettings?.().deviceId;
}

export function DeviceSelect(props: {
  kind: MediaDeviceKind;
  devices: MediaDeviceInfo[];
  label: string;
  testid: string;
  selected?: string;
  choose(deviceId: string): void;
}) {
  const options = () => props.devices.filter((d) => d.kind === props.kind && d.deviceId !== "");
  return (
    <label>
      {props.label}
      <select
        data-testid={props.testid}
        value={props.selected ?? ""}
        onChange={(event) => props.choose(event.currentTarget.value)}
      >
        {/* Firefox names no speaker until one is picked through its own dialog: the default stays choosable. */}
        <Show when={options().length === 0}>
          <option value="">{t("deviceDefault")}</option>
        </Show>
        {/* Each option says whether it is chosen: options made again when the list is read again
            (after permission, a device plugged in) must not fall back to the first one. */}
        <For each={options()}>
          {(device, index) => (
            <option value={device.deviceId} selected={device.deviceId === props.selected}>
              {device.label ||
                (device.deviceId === "default" ? t("deviceDefault") : tf("deviceUnnamed", { n: String(index() + 1) }))}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}

/** The speaker to play on, offered only where the browser lets a page choose. */
export function SpeakerSelect(props: {
  devices: MediaDeviceInfo[];
  selected?: string;
  choose(deviceId: string): void;
}) {
  return (
    <Show when={canChooseSpeaker()}>
      <DeviceSelect
        kind="audiooutput"
        devices={props.devices}
        label={t("speaker")}
        testid="speaker-select"
        selected={props.selected}
        choose={(id) => props.choose(id)}
      />
    </Show>
  );
}
