// The Worker's bindings, as `npm run types` generates them from wrangler.toml and secrets.example.env
// (worker/env.generated.d.ts; `npm run check` fails when it is out of date).
export type Env = Cloudflare.Env;
