// Where a provider's pages get this device's key for opening patients' names (issue 25). The device-key
// store (IndexedDB, a non-exportable private key per provider and browser) is built apart from the
// screens that open names: they receive a DeviceKeySource and know nothing of how keys are kept.
import type { OpeningKey } from "./open-names.ts";

export interface DeviceKeySource {
  /** This device's key for the provider, or undefined when this browser holds none for them. */
  keyFor(providerId: string): Promise<OpeningKey | undefined>;
}

/**
 * TODO(issue 25, lead): wire the device-key store here, e.g.
 *   export const thisDeviceKeySource: DeviceKeySource = { keyFor: thisDeviceKey };
 * Until then no device holds a key: every sealed name reads "visible on your other devices".
 * The only place the dashboard (presence-context.tsx) and the call's waiting list (call-waiting.tsx) take it from.
 */
export const thisDeviceKeySource: DeviceKeySource = {
  keyFor: async () => undefined,
};
