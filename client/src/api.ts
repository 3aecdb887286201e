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
import { API_ERROR_CODES, type ApiErrorCode } from "../../schema/errors.ts";

/** A refused request: the server's stable code (if it is one we know) and its English message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
    /** A code from schema/errors.ts, or undefined for one this page does not know (or no code at all). */
    readonly code?: ApiErrorCode,
    /** From Retry-After on a 429, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

function knownCode(body: unknown): ApiErrorCode | undefined {
  const code = typeof body === "object" && body && "code" in body ? body.code : undefined;
  return API_ERROR_CODES.find((known) => known === code);
}

/** Retry-After in seconds; the HTTP-date form is turned into seconds from now. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set("Content-Type", "application/json");
  const response = await fetch(path, { ...init, headers, credentials: "same-origin" });
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const message =
      typeof body === "object" && body && "error" in body ? String(body.error) : `HTTP ${response.status}`;
    throw new ApiError(
      response.status,
      message,
      body,
      knownCode(body),
      retryAfterSeconds(response.headers.get("Retry-After")),
    );
  }
  return body as T;
}

const inviteStateOfCode: Partial<Record<ApiErrorCode, InviteStatus["status"]>> = {
  "invite-unknown": "unknown",
  "invite-expired": "expired",
  "invite-revoked": "revoked",
  "invite-not-yet-valid": "not-yet-valid",
};

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
      if (!(error instanceof ApiError)) throw error;
      if (typeof error.body === "object" && error.body && "status" in error.body) return error.body as InviteStatus;
      const status = error.code && inviteStateOfCode[error.code];
      if (status) return { status };
      // A malformed token is simply not a link we know.
      if (error.status === 400) return { status: "unknown" };
      throw error;
    }
  },
  join: (token: string, body: JoinBody) => post<JoinTicket>(`/api/invites/${encodeURIComponent(token)}/join`, body),
  iceServers: (ticket?: string) =>
    request<IceServers>("/api/ice-servers", { headers: ticket ? { Authorization: `Bearer ${ticket}` } : {} }),
};
