// Stands in for hono's `hono.js` (the `Hono` class) in the deployed Worker (`[alias]` in wrangler.toml). hono's
// own class routes with a SmartRouter that tries its RegExpRouter first and falls back to its TrieRouter; every
// app of ours is given the TrieRouter itself (worker/router.ts), so that the workerd tests route exactly as the
// deployed Worker does, and the SmartRouter and RegExpRouter (4.4 KB minified) are then never used. This is
// hono's class with the TrieRouter as its default: a Hono made without a router (the /dev pages, mounted on
// the app, whose router alone dispatches) gets the same router as the app.
import type { Env, Schema } from "hono";
import { HonoBase, type HonoOptions } from "hono/hono-base";
import { TrieRouter } from "hono/router/trie-router";
import type { BlankEnv, BlankSchema } from "hono/types";

export class Hono<
  E extends Env = BlankEnv,
  S extends Schema = BlankSchema,
  BasePath extends string = "/",
> extends HonoBase<E, S, BasePath> {
  constructor(options: HonoOptions<E> = {}) {
    super(options);
    this.router = options.router ?? new TrieRouter();
  }
}
