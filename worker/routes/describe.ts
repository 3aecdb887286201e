// Small helpers to describe routes for OpenAPI without repeating the content-type boilerplate.
export const jsonResponse = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

export const jsonBody = <T>(schema: T) => ({ content: { "application/json": { schema } }, required: true });

export { OPENAPI_DOCUMENT_PREBUILT } from "./openapi-prebuilt.ts";

/**
 * A route's documentation (summary and responses), which only the OpenAPI generator reads: validation and
 * handlers read the method, path, middleware and request. Written
 * `...documented(OPENAPI_DOCUMENT_PREBUILT || { summary, responses })`, so that where the document is prebuilt
 * (the deployed Worker: worker/routes/openapi-prebuilt.ts) the bundler sees `true || {…}` and leaves the text
 * out; everywhere else the route is documented as written, and the built document with it.
 */
export const documented = <T>(docs: T | true): T => (docs === true ? ({} as T) : docs);
