import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { errorName, logEvent } from "../common/log.ts";
import { MIN_TICKET_SECRET_LENGTH } from "../durable-objects/tickets.ts";
import { MAX_BODY_BYTES } from "../schema/limits.ts";
import { registerSecuritySchemes } from "./openapi-document.ts";
import { serveOpenAPIDocument } from "./openapi-route.ts";
import { problem } from "./problem.ts";
import { router } from "./router.ts";
import { accountRoutes } from "./routes/account.ts";
import { activityRoutes } from "./routes/activity.ts";
import { appointmentRoutes } from "./routes/appointments.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { brandingRoutes, logoRoutes } from "./routes/branding.ts";
import { calendarFeedRoutes, calendarRoutes } from "./routes/calendar-feed.ts";
import { consultationColleagueRoutes } from "./routes/consultation-colleagues.ts";
import { consultationInvitationRoutes } from "./routes/consultation-invitations.ts";
import { devRoutes } from "./routes/dev.ts";
import { deviceKeyRoutes } from "./routes/device-keys.ts";
import { healthRoutes } from "./routes/health.ts";
import { iceRoutes } from "./routes/ice.ts";
import { invitationSendRoutes } from "./routes/invitation-send.ts";
import { appointmentInvitationRoutes, invitationRoutes } from "./routes/invitations.ts";
import { inviteRoutes } from "./routes/invites.ts";
import { invitationCodeRoutes, joinCodeRoutes } from "./routes/join-codes.ts";
import { legalRoutes } from "./routes/legal.ts";
import { memberInvitationRoutes } from "./routes/member-invitations.ts";
import { operatorConfigurationRoutes, operatorRoutes } from "./routes/operator.ts";
import { personalRoomRoutes } from "./routes/personal-room.ts";
import { practiceRoutes } from "./routes/practice.ts";
import { roomRoutes } from "./routes/rooms.ts";
import { signupRoutes } from "./routes/signup.ts";
import { socketRoutes } from "./routes/sockets.ts";
import { sameOriginWrites } from "./same-origin.ts";
import { securityHeaders } from "./security-headers.ts";

export const app = router();

// HSTS, CSP, Permissions-Policy and the rest on every answer of the Worker (worker/security-headers.ts).
app.use("*", securityHeaders);

// API answers carry sessions, tickets, names and TURN credentials: no browser or proxy may keep them.
app.use("/api/*", async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
});

// Refused before anything reads the body: a huge body costs neither parsing nor memory.
app.use(
  "/api/*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(problem("body-too-large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`), 413),
  }),
);

// State changes must come from our own pages (worker/same-origin.ts).
app.use("/api/*", sameOriginWrites);

// Before the ticket-secret check: monitors get an answer either way (worker/routes/health.ts).
app.route("/api/health", healthRoutes);
app.route("/api/operator", operatorConfigurationRoutes);

// Without the ticket secret no patient can be let in: say what is missing instead of failing deeper down.
app.use("/api/*", async (c, next) => {
  if ((c.env.TICKET_SECRET ?? "").length < MIN_TICKET_SECRET_LENGTH) {
    logEvent("error", "misconfigured", { missing: "TICKET_SECRET" });
    return c.json(problem("misconfigured", "The server is not configured yet (TICKET_SECRET)."), 503);
  }
  await next();
});

app.route("/api/legal", legalRoutes);
app.route("/api/auth", authRoutes);
app.route("/api/auth", signupRoutes);
app.route("/api/account", accountRoutes);
app.route("/api/account", personalRoomRoutes);
app.route("/api/account", calendarFeedRoutes);
app.route("/api/account", deviceKeyRoutes);
app.route("/api/practice", practiceRoutes);
app.route("/api/practice", brandingRoutes);
app.route("/api/practice", auditRoutes);
app.route("/api/practice", activityRoutes);
app.route("/api/logos", logoRoutes);
app.route("/api/calendar", calendarRoutes);
app.route("/api/member-invitations", memberInvitationRoutes);
app.route("/api/operator", operatorRoutes);
app.route("/api/appointments", appointmentRoutes);
app.route("/api/appointments", appointmentInvitationRoutes);
app.route("/api/invitations", invitationRoutes);
app.route("/api/invitations", invitationCodeRoutes);
app.route("/api/invitations", invitationSendRoutes);
app.route("/api/invites", inviteRoutes);
app.route("/api/consultations", consultationInvitationRoutes);
app.route("/api/consultations", consultationColleagueRoutes);
app.route("/api/rooms", roomRoutes);
app.route("/api/join-code", joinCodeRoutes);
app.route("/api/ice-servers", iceRoutes);
app.route("/api/ws", socketRoutes);

// Local outbox pages (MAILER=outbox only).
app.route("/dev", devRoutes);

// The document of every `app.openapi(...)` route, at run time or from the build (worker/openapi-route.ts).
registerSecuritySchemes(app);
serveOpenAPIDocument(app);

app.notFound((c) => c.json(problem("not-found", "Not found."), 404));

app.onError((error, c) => {
  if (error instanceof HTTPException) {
    // Hono's own refusals: malformed JSON (400), the CSRF check (403).
    const status = error.status as ContentfulStatusCode;
    const code = status === 403 ? "cross-site" : status === 413 ? "body-too-large" : "invalid-input";
    const message = status === 403 ? "Requests from other sites are not allowed." : error.message;
    return c.json(problem(code, message || "The request was refused."), status);
  }
  // Log the kind of failure only: messages of failed queries carry their parameters (e-mail addresses, titles).
  logEvent("error", "unhandled", {
    name: errorName(error),
    cause: error.cause instanceof Error ? errorName(error.cause) : undefined,
  });
  return c.json(problem("internal", "Something went wrong on our side."), 500);
});
