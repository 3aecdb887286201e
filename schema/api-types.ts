// Types of the HTTP API for the client: type-only, so no zod reaches the page.
import type { z } from "@hono/zod-openapi";
import type * as api from "./api.ts";
import type * as accounts from "./api-accounts.ts";

export type AppointmentView = z.infer<typeof api.AppointmentView>;
export type AppointmentCreate = z.input<typeof api.AppointmentCreate>;
export type AppointmentCreated = z.infer<typeof api.AppointmentCreated>;
export type AppointmentList = z.infer<typeof api.AppointmentList>;
export type InviteLink = z.infer<typeof api.InviteLink>;
export type InviteStatus = z.infer<typeof api.InviteStatus>;
export type InviteState = z.infer<typeof api.InviteState>;
export type JoinBody = z.input<typeof api.JoinBody>;
export type JoinTicket = z.infer<typeof api.JoinTicket>;
export type IceServers = z.infer<typeof api.IceServers>;
export type ErrorBody = z.infer<typeof api.ErrorBody>;

export type ProviderView = z.infer<typeof accounts.ProviderView>;
export type SignupBody = z.input<typeof accounts.SignupBody>;
export type LoginChallenge = z.infer<typeof accounts.LoginChallenge>;
export type SecondFactorBody = z.input<typeof accounts.SecondFactorBody>;
export type SessionView = z.infer<typeof accounts.SessionView>;
export type SessionList = z.infer<typeof accounts.SessionList>;
export type ProfileUpdate = z.input<typeof accounts.ProfileUpdate>;
export type TotpEnrolment = z.infer<typeof accounts.TotpEnrolment>;
export type RecoveryCodes = z.infer<typeof accounts.RecoveryCodes>;
export type AccountDelete = z.input<typeof accounts.AccountDelete>;
export type DataExport = z.infer<typeof accounts.DataExport>;
export type PracticeView = z.infer<typeof accounts.PracticeView>;
export type PracticeUpdate = z.input<typeof accounts.PracticeUpdate>;
export type MemberView = z.infer<typeof accounts.MemberView>;
export type InvitationView = z.infer<typeof accounts.InvitationView>;
export type MemberList = z.infer<typeof accounts.MemberList>;
export type InvitationCreate = z.input<typeof accounts.InvitationCreate>;
export type InvitationDetails = z.infer<typeof accounts.InvitationDetails>;
export type InvitationAccept = z.input<typeof accounts.InvitationAccept>;
export type Role = z.infer<typeof accounts.Role>;
export type Language = z.infer<typeof accounts.Language>;
export type SignupSettings = z.infer<typeof accounts.SignupSettings>;
