// Stands in for zod's index of locales in the deployed Worker (`[alias]` in wrangler.toml): the server
// answers in English with stable codes and the client translates, so the other 62 locales are dead weight.
// zod sets English as its default itself (from its own `locales/en.js`); `z.locales.en` stays available.
export { default as en } from "zod/v4/locales/en.js";
