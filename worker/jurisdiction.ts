/** Durable Object ids from the EU jurisdiction when the operator chose it. */
export function objects<T extends Rpc.DurableObjectBranded | undefined>(
  env: { DO_JURISDICTION?: string },
  namespace: DurableObjectNamespace<T>,
): DurableObjectNamespace<T> {
  return env.DO_JURISDICTION === "eu" ? namespace.jurisdiction("eu") : namespace;
}
