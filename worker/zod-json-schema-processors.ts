// Stands in for zod's JSON Schema processors (`zod/v4/core/json-schema-processors.js`, 13 KB minified) in the
// deployed Worker (`[alias]` in wrangler.toml), beside worker/zod-to-json-schema.ts: the processors run only
// while zod's generator writes JSON Schema, which the Worker never does. `aggregateChecks` is zod's own, read
// from zod's file under a path the alias does not match: the schemas' `minLength`, `maxValue`, `format` and
// the like are read through it and keep working.
export { aggregateChecks } from "../node_modules/zod/v4/core/json-schema-processors.js";

const unavailable = (): never => {
  throw new Error("zod's JSON Schema generator is not part of this build.");
};

// zod's generator looks processors up here; its stand-in (worker/zod-to-json-schema.ts) never does.
export const allProcessors: Record<string, never> = {};

// The names zod's classic schemas call while writing JSON Schema: never called here.
export {
  unavailable as anyProcessor,
  unavailable as arrayProcessor,
  unavailable as bigintProcessor,
  unavailable as booleanProcessor,
  unavailable as catchProcessor,
  unavailable as customProcessor,
  unavailable as dateProcessor,
  unavailable as defaultProcessor,
  unavailable as enumProcessor,
  unavailable as fileProcessor,
  unavailable as functionProcessor,
  unavailable as intersectionProcessor,
  unavailable as lazyProcessor,
  unavailable as literalProcessor,
  unavailable as mapProcessor,
  unavailable as nanProcessor,
  unavailable as neverProcessor,
  unavailable as nonoptionalProcessor,
  unavailable as nullableProcessor,
  unavailable as nullProcessor,
  unavailable as numberProcessor,
  unavailable as objectProcessor,
  unavailable as optionalProcessor,
  unavailable as pipeProcessor,
  unavailable as prefaultProcessor,
  unavailable as promiseProcessor,
  unavailable as readonlyProcessor,
  unavailable as recordProcessor,
  unavailable as setProcessor,
  unavailable as stringProcessor,
  unavailable as successProcessor,
  unavailable as symbolProcessor,
  unavailable as templateLiteralProcessor,
  unavailable as toJSONSchema,
  unavailable as transformProcessor,
  unavailable as tupleProcessor,
  unavailable as undefinedProcessor,
  unavailable as unionProcessor,
  unavailable as unknownProcessor,
  unavailable as voidProcessor,
};
