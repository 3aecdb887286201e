// The device-key routes (issue 25), kept out of the shared `api`, which every patient's first load carries.
import type { DeviceKeyList, DeviceKeyRegister, DeviceKeyView } from "../../../../schema/api-types.ts";
import { apiGet, apiPost, pathSegment } from "../../shared/api.ts";

/** What the device-key logic asks of the server: an interface, so tests answer with a fake. */
export interface DeviceKeyApi {
  list(): Promise<DeviceKeyList>;
  register(body: DeviceKeyRegister): Promise<DeviceKeyView>;
  remove(id: string): Promise<void>;
  /** This device opened Anteroom again; 404 when its key was removed or has lapsed. */
  seen(id: string): Promise<void>;
}

export const deviceKeyApi: DeviceKeyApi = {
  list: () => apiGet<DeviceKeyList>("/api/account/device-keys"),
  register: (body) => apiPost<DeviceKeyView>("/api/account/device-keys", body),
  remove: (id) => apiGet<void>(`/api/account/device-keys/${pathSegment(id)}`, { method: "DELETE" }),
  seen: (id) => apiPost<void>(`/api/account/device-keys/${pathSegment(id)}/seen`),
};
