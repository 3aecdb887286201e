// The HTTP API, typed from the shared schemas (types only: no zod reaches the page).
import type {
  AppointmentCreate,
  AppointmentCreated,
  AppointmentList,
  IceServers,
  InviteLink,
  InviteStatus,
  JoinBody,
  JoinTicket,
  ProviderView,
} from "../../schema/api-types.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set("Content-Type", "application/json");
  const response = await fetch(path, { ...init, headers, credentials: "same-origin" });
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const message =
      typeof body === "object" && body && "error" in body ? String(body.error) : `HTTP ${response.status}`;
    throw new ApiError(response.status, message, body);
  }
  return body as T;
}

const post = <T>(path: string, body?: unknown, headers?: HeadersInit) =>
  request<T>(path, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body), headers });

export const api = {
  login: (email: string, password: string) => post<ProviderView>("/api/auth/login", { email, password }),
  logout: () => post<void>("/api/auth/logout"),
  me: () => request<ProviderView>("/api/auth/me"),
  appointments: () => request<AppointmentList>("/api/appointments"),
  createAppointment: (body: AppointmentCreate) => post<AppointmentCreated>("/api/appointments", body),
  reissueInvite: (id: string) => post<InviteLink>(`/api/appointments/${encodeURIComponent(id)}/invite`),
  /** Resolves for every answer the server gives about a link, valid or not. */
  inviteStatus: async (token: string): Promise<InviteStatus> => {
    try {
      return await request<InviteStatus>(`/api/invites/${encodeURIComponent(token)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) return { status: "unknown" };
      if (error instanceof ApiError && typeof error.body === "object" && error.body && "status" in error.body) {
        return error.body as InviteStatus;
      }
      throw error;
    }
  },
  join: (token: string, body: JoinBody) => post<JoinTicket>(`/api/invites/${encodeURIComponent(token)}/join`, body),
  iceServers: (ticket?: string) =>
    request<IceServers>("/api/ice-servers", { headers: ticket ? { Authorization: `Bearer ${ticket}` } : {} }),
};
