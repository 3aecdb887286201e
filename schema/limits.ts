// Limits shared by the server's schemas and the client's forms. Plain numbers, no zod: the client
// imports this file without pulling in a validation library.

/** A patient's or provider's display name. */
export const MAX_NAME_LENGTH = 60;
/** An appointment's title (the provider's own label). */
export const MAX_TITLE_LENGTH = 200;
export const MIN_APPOINTMENT_MINUTES = 5;
export const MAX_APPOINTMENT_MINUTES = 8 * 60;
/** Every HTTP body above this is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = 64 * 1024;
