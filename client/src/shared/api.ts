// The HTTP API, typed from the shared schemas (types only: no zod reaches the page).
import type {
  AccountDelete,
  AppointmentCreate,
  AppointmentCreated,
  AppointmentInvitationIssued,
  AppointmentInvitationList,
  AppointmentInvitationView,
  AppointmentList,
  AppointmentSaved,
  AppointmentUpdate,
  CalendarFeedCreated,
  CalendarFeedUpdate,
  CalendarFeedView,
  ConsentTextUpdate,
  ConsentTextView,
  IceServers,
  InvitationAccept,
  InvitationCreate,
  InvitationDetails,
  InvitationJoinCode,
  InvitationSend,
  InvitationSent,
  InviteStatus,
  JoinBody,
  JoinCodeAccepted,
  JoinTicket,
  LoginChallenge,
  LogoView,
  MemberList,
  PersonalRoomUpdate,
  PersonalRoomView,
  PracticeUpdate,
  PracticeView,
  ProfileUpdate,
  ProviderView,
  RecoveryCodes,
  Role,
  RoomStatus,
  SecondFactorBody,
  SessionList,
  SignupBody,
  SignupSettings,
  TotpEnrolment,
} from "../../../schema/api-types.ts";
import { API_ERROR_CODES, type ApiErrorCode } from "../../../schema/errors.ts";

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
  if (init.body && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
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
  // A success whose body could not be read (the page is unloading, the connection broke mid-body) is
  // a failure too: callers must never receive undefined where they expect the answer.
  if (body === undefined && response.status !== 204) throw new ApiError(response.status, "Unreadable answer", body);
  return body as T;
}

const inviteStateOfCode: Partial<Record<ApiErrorCode, InviteStatus["status"]>> = {
  "invite-unknown": "unknown",
  "invite-expired": "expired",
  "invite-revoked": "revoked",
  "invite-cancelled": "cancelled",
  "invite-not-yet-valid": "not-yet-valid",
};

const send =
  (method: string) =>
  <T>(path: string, body?: unknown, headers?: HeadersInit) =>
    request<T>(path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers });
const post = send("POST");
const put = send("PUT");
const patch = send("PATCH");
const del = send("DELETE");
const id = encodeURIComponent;

/**
 * For provider-only calls made from lazy chunks (a call's "Invite a colleague", a colleague's join):
 * kept out of `api`, which every patient's first load carries.
 */
export { id as pathSegment, post as apiPost, request as apiGet };

export const api = {
  /** A provider when the password suffices; a challenge when the account has 2FA. */
  login: (email: string, password: string) =>
    post<ProviderView | LoginChallenge>("/api/auth/login", { email, password }),
  secondFactor: (body: SecondFactorBody) => post<ProviderView>("/api/auth/login/second-factor", body),
  signup: (body: SignupBody) => post<{ ok: true }>("/api/auth/signup", body),
  signupSettings: () => request<SignupSettings>("/api/auth/signup"),
  confirmEmail: (token: string) => post<void>("/api/auth/confirm", { token }),
  resendConfirmation: (email: string) => post<{ ok: true }>("/api/auth/resend-confirmation", { email }),
  forgotPassword: (email: string) => post<{ ok: true }>("/api/auth/forgot-password", { email }),
  resetPassword: (token: string, password: string) => post<void>("/api/auth/reset-password", { token, password }),
  logoutEverywhere: () => post<void>("/api/auth/logout-everywhere"),
  sessions: () => request<SessionList>("/api/account/sessions"),
  updateProfile: (body: ProfileUpdate) => patch<ProviderView>("/api/account/profile", body),
  enrolTotp: () => post<TotpEnrolment>("/api/account/totp"),
  confirmTotp: (code: string, password: string) => post<RecoveryCodes>("/api/account/totp/confirm", { code, password }),
  disableTotp: (password: string, code: string) => post<void>("/api/account/totp/disable", { password, code }),
  /** The export as the server sends it (a JSON download). */
  exportData: () => fetch("/api/account/export", { credentials: "same-origin" }),
  deleteAccount: (body: AccountDelete) => post<void>("/api/account/delete", body),
  calendarFeed: () => request<CalendarFeedView>("/api/account/calendar-feed"),
  createCalendarFeed: () => post<CalendarFeedCreated>("/api/account/calendar-feed"),
  updateCalendarFeed: (body: CalendarFeedUpdate) => patch<CalendarFeedView>("/api/account/calendar-feed", body),
  revokeCalendarFeed: () => del<void>("/api/account/calendar-feed"),
  practice: () => request<PracticeView>("/api/practice"),
  updatePractice: (body: PracticeUpdate) => patch<PracticeView>("/api/practice", body),
  consentText: () => request<ConsentTextView>("/api/practice/consent-text"),
  saveConsentText: (body: ConsentTextUpdate) => put<ConsentTextView>("/api/practice/consent-text", body),
  /** The image as it is: the server checks its type by its first bytes. */
  uploadLogo: (image: Blob) =>
    request<LogoView>("/api/practice/logo", {
      method: "PUT",
      body: image,
      headers: { "Content-Type": image.type || "application/octet-stream" },
    }),
  deleteLogo: () => del<void>("/api/practice/logo"),
  members: () => request<MemberList>("/api/practice/members"),
  inviteMember: (body: InvitationCreate) => post<void>("/api/practice/invitations", body),
  withdrawInvitation: (invitationId: string) => del<void>(`/api/practice/invitations/${id(invitationId)}`),
  changeRole: (memberId: string, role: Role) => patch<void>(`/api/practice/members/${id(memberId)}`, { role }),
  removeMember: (memberId: string) => del<void>(`/api/practice/members/${id(memberId)}`),
  invitationDetails: (token: string) => post<InvitationDetails>("/api/member-invitations/lookup", { token }),
  acceptInvitation: (body: InvitationAccept) => post<ProviderView>("/api/member-invitations/accept", body),
  logout: () => post<void>("/api/auth/logout"),
  me: () => request<ProviderView>("/api/auth/me"),
  /** Not over yet (the default), the caller's own, or for an admin a member's (`providerId`). */
  /** Appointments by a query the calendar builds (its range, an admin's member): this module is the patient's too. */
  appointments: (query: URLSearchParams) => request<AppointmentList>(`/api/appointments?${query}`),
  updateAppointment: (appointmentId: string, body: AppointmentUpdate) =>
    patch<AppointmentSaved>(`/api/appointments/${id(appointmentId)}`, body),
  cancelAppointment: (appointmentId: string) => post<AppointmentSaved>(`/api/appointments/${id(appointmentId)}/cancel`),
  createAppointment: (body: AppointmentCreate) => post<AppointmentCreated>("/api/appointments", body),
  appointmentInvitations: (appointmentId: string) =>
    request<AppointmentInvitationList>(`/api/appointments/${id(appointmentId)}/invitations`),
  addInvitation: (appointmentId: string, label: string) =>
    post<AppointmentInvitationIssued>(`/api/appointments/${id(appointmentId)}/invitations`, { label }),
  withdrawAppointmentInvitation: (invitationId: string) =>
    post<AppointmentInvitationView>(`/api/invitations/${id(invitationId)}/withdraw`),
  newInvitationLink: (invitationId: string) =>
    post<AppointmentInvitationIssued>(`/api/invitations/${id(invitationId)}/link`),
  sendInvitation: (invitationId: string, body: InvitationSend) =>
    post<InvitationSent>(`/api/invitations/${id(invitationId)}/send`, body),
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
  personalRoom: () => request<PersonalRoomView>("/api/account/personal-room"),
  savePersonalRoom: (body: PersonalRoomUpdate) => put<PersonalRoomView>("/api/account/personal-room", body),
  /** Resolves for "open" and for "unavailable" (which is every other answer about the room). */
  roomStatus: async (practice: string, room: string): Promise<RoomStatus> => {
    try {
      return await request<RoomStatus>(`/api/rooms/${id(practice)}/${id(room)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { status: "unavailable" };
      throw error;
    }
  },
  joinRoom: (practice: string, room: string, body: JoinBody) =>
    post<JoinTicket>(`/api/rooms/${id(practice)}/${id(room)}/join`, body),
  /** A typed join code: where the patient continues (/j/<pass>); the code travels in the body only. */
  redeemJoinCode: (code: string) => post<JoinCodeAccepted>("/api/join-code", { code }),
  /** A new join code for an invitation (replacing its old one), shown only now. */
  /** "Invite someone" from inside a running consultation (its moderator only): a one-off link. */
  inviteToCall: (consultationId: string, label: string) =>
    post<AppointmentInvitationIssued>(`/api/consultations/${id(consultationId)}/invitations`, { label }),
  newJoinCode: (invitationId: string) => post<InvitationJoinCode>(`/api/invitations/${id(invitationId)}/code`),
  iceServers: (ticket?: string) =>
    request<IceServers>("/api/ice-servers", { headers: ticket ? { Authorization: `Bearer ${ticket}` } : {} }),
};
