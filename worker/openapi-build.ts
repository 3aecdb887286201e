// What `npm run build` loads in Node to write the OpenAPI document into the static assets
// (scripts/openapi-document.ts): the app with every route registered, and the document of them.
import { app } from "./app.ts";
import { OPENAPI_PATH, openAPIDocument } from "./openapi-document.ts";

export { OPENAPI_PATH };
export const document = (): unknown => openAPIDocument(app);
