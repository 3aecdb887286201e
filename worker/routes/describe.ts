// Small helpers to describe routes for OpenAPI without repeating the content-type boilerplate.
export const jsonResponse = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

export const jsonBody = <T>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
