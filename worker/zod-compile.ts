// Stands in for zod's compiled fast path (`zod/v4/core/compile.js`, 29 KB minified) in the deployed
// Worker (`[alias]` in wrangler.toml). Nothing here calls `z.compile()`; zod's own contract for a schema it
// cannot compile is to hand it back unchanged on the runtime parser, which is what this does. It is
// pulled in only because @hono/zod-openapi uses zod's namespace object whole.
export const INVALID = Symbol.for("zod.compile.invalid");
export class ZodCompileAsyncError extends Error {}
export class ZodCompileUnsupportedError extends Error {}
export const compile = <T>(schema: T): T => schema;
export const withParser = (): never => {
  throw new ZodCompileUnsupportedError("Compiled parsers are not part of this build.");
};
export const compileFn = withParser;
