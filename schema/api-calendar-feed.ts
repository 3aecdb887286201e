// The provider's own calendar feed: what the account page reads and changes. The feed's address is
// answered only when it is made (only a hash of its token is stored).
import { z } from "@hono/zod-openapi";

export const CalendarFeedView = z
  .object({
    /** A feed exists; its address is not shown again. */
    active: z.boolean(),
    includeDetails: z.boolean(),
    createdAt: z.iso.datetime().nullable(),
  })
  .openapi("CalendarFeed");

export const CalendarFeedCreated = z
  .object({
    /** The address to subscribe to, shown only now. */
    feedUrl: z.url(),
    feed: CalendarFeedView,
  })
  .openapi("CalendarFeedCreated");

export const CalendarFeedUpdate = z.object({ includeDetails: z.boolean() }).openapi("CalendarFeedUpdate");

/** `<token>.ics`: the 256-bit token in base64url (43 characters) and the extension calendar apps expect. */
export const CalendarFeedParam = z.object({
  feed: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}\.ics$/)
    .openapi({ param: { name: "feed", in: "path" } }),
});
