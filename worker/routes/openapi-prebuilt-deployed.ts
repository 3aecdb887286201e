// Stands in for worker/routes/openapi-prebuilt.ts in the deployed Worker and `wrangler dev` (`[alias]` in
// wrangler.toml), which serve the OpenAPI document `npm run build` wrote: the bundler inlines this constant into
// every `documented(OPENAPI_DOCUMENT_PREBUILT || {…})`, sees `true || {…}` and leaves the routes' summaries and
// responses out of the upload.
export const OPENAPI_DOCUMENT_PREBUILT: boolean = true;
