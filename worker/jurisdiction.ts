import type { Env } from "./env.ts";

/** Durable Object ids from the EU jurisdiction when the operator chose it. */
export function objects<T extends Rpc.DurableObjectBranded | undefined>(
  env: Pick<Env, "DO_JURISDICTION">,
  namespace: DurableObjectNamespace<T>,
): DurableObjectNamespace<T> {
  return env.DO_JURISDICTION === "eu" ? namespace.jurisdiction("eu") : namespace;
}
