import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { router } from "./router.ts";
import { appointmentRoutes } from "./routes/appointments.ts";
import { authRoutes } from "./routes/auth.ts";
import { iceRoutes } from "./routes/ice.ts";
import { inviteRoutes } from "./routes/invites.ts";
import { socketRoutes } from "./routes/sockets.ts";

export const app = router();

// Cookie-authenticated state changes must come from our own pages.
app.use("/api/*", csrf());

app.get("/api/health", (c) => c.json({ ok: true }));

// Without the ticket secret no patient can be let in: say what is missing instead of failing deeper down.
app.use("/api/*", async (c, next) => {
  if ((c.env.TICKET_SECRET ?? "").length < 16) {
    console.error(
      JSON.stringify({ event: "misconfigured", detail: "TICKET_SECRET missing or shorter than 16 characters" }),
    );
    return c.json({ error: "The server is not configured yet (TICKET_SECRET)." }, 503);
  }
  await next();
});

app.route("/api/auth", authRoutes);
app.route("/api/appointments", appointmentRoutes);
app.route("/api/invites", inviteRoutes);
app.route("/api/ice-servers", iceRoutes);
app.route("/api/ws", socketRoutes);

app.openAPIRegistry.registerComponent("securitySchemes", "cookie", {
  type: "apiKey",
  in: "cookie",
  name: "anteroom_session",
});
app.openAPIRegistry.registerComponent("securitySchemes", "ticket", { type: "http", scheme: "bearer" });
app.doc31("/api/openapi.json", {
  openapi: "3.1.0",
  info: { title: "Anteroom API", version: "0.1.0", description: "Privacy-first video consultations." },
});

app.notFound((c) => c.json({ error: "Not found." }, 404));

app.onError((error, c) => {
  if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
  // Log the kind of failure only: messages of failed queries carry their parameters (e-mail addresses, titles).
  console.error(
    JSON.stringify({
      event: "unhandled",
      name: error.name,
      cause: error.cause instanceof Error ? error.cause.name : undefined,
    }),
  );
  return c.json({ error: "Something went wrong on our side." }, 500);
});
