// The OpenAPI document at build time. It depends only on the routes the app registers, so `npm run build`
// (which `npm start`, `npm test` and `npm run deploy` run) generates it once, with the real generator, into
// the static assets as `api/openapi.json`; the deployed Worker serves that file and carries no generator
// (worker/openapi-route-assets.ts, `[alias]` in wrangler.toml). A route added with `app.openapi(...)` is in
// it at the next build without any step of its own.
import { fileURLToPath } from "node:url";
import { type Plugin, runnerImport } from "vite";

const entry = fileURLToPath(new URL("../worker/openapi-build.ts", import.meta.url));

// What workerd provides and Node does not, for loading the app's modules only: no request is served here.
const CLOUDFLARE_STUB = "\0anteroom:cloudflare-workers";
const WASM_STUB = "\0anteroom:wasm";
const workerdStubs: Plugin = {
  name: "anteroom:workerd-stubs",
  enforce: "pre",
  resolveId(id) {
    // The Durable Object classes extend `DurableObject`; nothing constructs them while the document is made.
    // Any other runtime module (`cloudflare:sockets`, say) gets the same stub: its names are read at run time.
    if (id.startsWith("cloudflare:")) return CLOUDFLARE_STUB;
    // Workers import compiled wasm (argon2); it is instantiated on the first password hash, never here.
    if (id.endsWith(".wasm")) return WASM_STUB;
    return undefined;
  },
  load(id) {
    if (id === CLOUDFLARE_STUB)
      return "export class DurableObject {} export class WorkerEntrypoint {} export const env = {};";
    if (id === WASM_STUB) return "export default undefined;";
    return undefined;
  },
};

type OpenAPIDocument = { path: string; json: string };

/**
 * The document as the Worker's run-time route would answer it (test/workerd/openapi.test.ts compares them), and
 * the path it is served at. The worker's modules are loaded, not imported: their types need workerd's.
 */
export async function generateOpenAPIDocument(): Promise<OpenAPIDocument> {
  const { module } = await runnerImport<{ OPENAPI_PATH: string; document: () => unknown }>(entry, {
    configFile: false,
    logLevel: "warn",
    plugins: [workerdStubs],
  });
  return { path: module.OPENAPI_PATH, json: JSON.stringify(module.document()) };
}

/** Writes the document into the client build, where the Worker's `env.ASSETS` finds it. */
export function openAPIDocumentFile(): Plugin {
  let document: Promise<OpenAPIDocument> | undefined;
  return {
    name: "anteroom:openapi-document",
    apply: "build",
    // Started with the build and awaited at its end, so it overlaps the client's bundling.
    buildStart() {
      document = generateOpenAPIDocument();
      // A failure is reported where it is awaited, not as an unhandled rejection in the meantime.
      document.catch(() => {});
    },
    async generateBundle() {
      const { path, json } = await (document ?? generateOpenAPIDocument());
      this.emitFile({ type: "asset", fileName: path.slice(1), source: json });
    },
  };
}

/** `virtual:openapi-document`: the build's document, for the test that compares it with the run-time one. */
export function openAPIDocumentModule(): Plugin {
  const id = "virtual:openapi-document";
  return {
    name: "anteroom:openapi-document-module",
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: async (source) =>
      source === `\0${id}` ? `export default ${(await generateOpenAPIDocument()).json};` : undefined,
  };
}
