// Stands in for zod's JSON Schema importer (`zod/v4/classic/from-json-schema.js`, 12 KB minified) in the
// deployed Worker (`[alias]` in wrangler.toml): the server never turns JSON Schema into zod schemas. It
// is pulled in only because @hono/zod-openapi uses zod's namespace object whole.
export const fromJSONSchema = (): never => {
  throw new Error("fromJSONSchema is not part of this build.");
};
