// Types of the HTTP API for the client: type-only, so no zod reaches the page.
import type { z } from "@hono/zod-openapi";
import type * as api from "./api.ts";

export type ProviderView = z.infer<typeof api.ProviderView>;
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
