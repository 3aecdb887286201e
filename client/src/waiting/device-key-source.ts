// Where a provider's pages get this device's key for opening patients' names (issue 25). The device-key
// store (IndexedDB, a non-exportable private key per provider and browser) is built apart from the
// screens that open names: they receive a DeviceKeySource and know nothing of how keys are kept.
import { thisDeviceKey } from "../provider/device-key/this-device.ts";
import type { OpeningKey } from "./open-names.ts";

export interface DeviceKeySource {
  /** This device's key for the provider, or undefined when this browser holds none for them. */
  keyFor(providerId: string): Promise<OpeningKey | undefined>;
}

/** This browser's key from the device-key store (client/src/provider/device-key/this-device.ts). */
export const thisDeviceKeySource: DeviceKeySource = { keyFor: thisDeviceKey };
