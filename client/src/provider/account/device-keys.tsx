// The devices that can read patients' names (issue 25): each with its label, its key's fingerprint to
// compare with the one shown on that device, and when it was last used and added; removed after a question.
// This device is marked by the key this browser holds, its fingerprint computed here rather than told.
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import type { DeviceKeyView } from "../../../../schema/api-types.ts";
import { ConfirmQuestion } from "../../forms/confirm-question.tsx";
import { describeError } from "../../forms/submit.ts";
import { ApiError } from "../../shared/api.ts";
import { formatDateTime, t, tf } from "../../shared/i18n.ts";
import { deviceKeyApi } from "../device-key/api.ts";
import { forgetThisDeviceKey, keepDeviceKey, thisDeviceListed } from "../device-key/this-device.ts";
import "./i18n-device-keys.ts";
import { RetryAlert } from "./retry-alert.tsx";

/** This browser's key as it holds it: which entry is this device's, and the fingerprint it must show. */
export interface ThisDevice {
  kid: string;
  fingerprint: string;
}

function DeviceKeyEntry(props: { device: DeviceKeyView; mine: ThisDevice | undefined; remove(): Promise<void> }) {
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  let removeButton: HTMLButtonElement | undefined;
  const isThis = () => props.mine?.kid === props.device.id;
  const shortPrint = () => props.device.fingerprint.split(" ")[0] ?? "";

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      await props.remove();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="device-key" data-testid="device-key" data-fingerprint={props.device.fingerprint}>
      <div class="who">
        <strong translate="no">{props.device.label}</strong>
        <Show when={isThis()}>
          {" "}
          <span class="badge" data-testid="device-key-this">
            {t("acctThisDevice")}
          </span>
        </Show>
        <br />
        <span class="muted">{t("deviceKeyFingerprint")}:</span>{" "}
        <code class="fingerprint" translate="no">
          {props.device.fingerprint}
        </code>
        <br />
        <span class="muted">
          {t("deviceKeyLastUsed")} {formatDateTime(props.device.lastUsedAt)} · {t("deviceKeyAdded")}{" "}
          {formatDateTime(props.device.createdAt)}
        </span>
      </div>
      <Show when={!asking()}>
        <button
          type="button"
          class="secondary"
          ref={removeButton}
          disabled={busy()}
          aria-label={tf("deviceKeyRemoveOf", { label: props.device.label, fingerprint: shortPrint() })}
          onClick={() => setAsking(true)}
          data-testid="device-key-remove"
        >
          {t("deviceKeyRemove")}
        </button>
      </Show>
      <Show when={isThis() && props.mine && props.mine.fingerprint !== props.device.fingerprint}>
        <p class="warning full" role="alert">
          {t("deviceKeyMismatch")}
        </p>
      </Show>
      <Show when={asking()}>
        <ConfirmQuestion
          class="full"
          question={
            isThis() ? t("deviceKeyRemoveThisQuestion") : tf("deviceKeyRemoveQuestion", { label: props.device.label })
          }
          confirmLabel={t("deviceKeyRemoveConfirm")}
          confirmTestid="device-key-remove-confirm"
          keepLabel={t("deviceKeyKeep")}
          busy={busy()}
          confirm={() => void remove()}
          keep={() => {
            setAsking(false);
            queueMicrotask(() => removeButton?.focus());
          }}
        />
      </Show>
      <Show when={error()}>
        <p class="error full" role="alert" data-testid="device-key-error">
          {error()}
        </p>
      </Show>
    </li>
  );
}

/** The list itself, drawn from what the page knows (rendered on its own in tests). */
export function DeviceKeyEntries(props: {
  devices: DeviceKeyView[];
  mine: ThisDevice | undefined;
  remove(device: DeviceKeyView): Promise<void>;
  ref?: (list: HTMLUListElement) => void;
}) {
  return (
    <ul class="list" data-testid="device-keys" ref={props.ref}>
      <For each={props.devices}>
        {(device) => <DeviceKeyEntry device={device} mine={props.mine} remove={() => props.remove(device)} />}
      </For>
    </ul>
  );
}

export function DeviceKeysSection(props: {
  providerId: string;
  /** False while two-step login must be set up first: this browser then makes no key yet (provider-page.tsx). */
  makesKeys: boolean;
}) {
  // This page load's registration first (the same run the page shell started, never a second one), so a
  // browser that has just made its key finds it listed and marked on its first visit here; asked again
  // once two-step login is set up here and the browser makes its key. The registration never fails.
  const [shown, { mutate, refetch }] = createResource(
    // A word, not an object: equal words do not ask again when the page's other account details change.
    () => (props.makesKeys ? "makes-keys" : "lists-only"),
    async (mode) => {
      if (mode === "makes-keys") await keepDeviceKey(props.providerId);
      const [list, mine] = await Promise.all([deviceKeyApi.list(), thisDeviceListed(props.providerId)]);
      return { devices: list.keys, mine };
    },
  );
  const [notice, setNotice] = createSignal<string>();
  let heading: HTMLHeadingElement | undefined;
  let list: HTMLUListElement | undefined;

  async function remove(device: DeviceKeyView) {
    try {
      await deviceKeyApi.remove(device.id);
    } catch (e) {
      // Already gone (lapsed, or removed in another tab) is what was asked for.
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
    const before = shown();
    const wasThis = before?.mine?.kid === device.id;
    if (wasThis) await forgetThisDeviceKey(props.providerId);
    const devices = before?.devices ?? [];
    const index = devices.findIndex((other) => other.id === device.id);
    mutate({ devices: devices.filter((other) => other.id !== device.id), mine: wasThis ? undefined : before?.mine });
    // Cleared first so that a second removal is announced again.
    setNotice(undefined);
    setNotice(wasThis ? t("deviceKeyRemovedThis") : tf("deviceKeyRemoved", { label: device.label }));
    // The entry is gone: the focus goes to the next one's button (or the one before), else to the heading.
    queueMicrotask(() => {
      const buttons = list?.isConnected
        ? list.querySelectorAll<HTMLButtonElement>('[data-testid="device-key-remove"]')
        : undefined;
      const next = buttons?.length ? buttons[Math.min(index, buttons.length - 1)] : undefined;
      (next ?? heading)?.focus();
    });
  }

  return (
    <section class="card" aria-labelledby="device-keys-heading">
      <h2 id="device-keys-heading" tabindex="-1" ref={heading}>
        {t("deviceKeysHeading")}
      </h2>
      <p class="muted">{t("deviceKeysExplain")}</p>
      <p class="status ok" role="status">
        {notice()}
      </p>
      <Switch>
        <Match when={shown.error}>
          <RetryAlert retry={() => void refetch()} />
        </Match>
        <Match when={shown.loading}>
          <p class="muted">{t("loading")}</p>
        </Match>
        <Match when={shown()?.devices.length === 0}>
          <p class="muted" data-testid="device-keys-empty">
            {t("deviceKeysEmpty")}
          </p>
        </Match>
        <Match when={shown()}>
          {(known) => (
            <DeviceKeyEntries
              devices={known().devices}
              mine={known().mine}
              remove={remove}
              ref={(element) => {
                list = element;
              }}
            />
          )}
        </Match>
      </Switch>
    </section>
  );
}
