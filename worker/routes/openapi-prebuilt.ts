// Whether the OpenAPI document is prebuilt, so that the routes' own documentation goes unread (see `documented`
// in describe.ts). Not here: the workerd tests and the build's generator document every route as written. The
// deployed Worker and `wrangler dev` read worker/routes/openapi-prebuilt-deployed.ts instead (`[alias]` in
// wrangler.toml), where it is true: they serve the document `npm run build` wrote (worker/openapi-route-assets.ts).
export const OPENAPI_DOCUMENT_PREBUILT: boolean = false;
