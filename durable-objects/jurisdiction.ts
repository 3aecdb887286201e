/**
 * Durable Object ids from the EU jurisdiction when the operator chose it. Here, not in the worker, because
 * the waiting room reaches its consultations too, and both must name each object the same way.
 */
export function objects<T extends Rpc.DurableObjectBranded | undefined>(
  env: { DO_JURISDICTION?: string },
  namespace: DurableObjectNamespace<T>,
): DurableObjectNamespace<T> {
  return env.DO_JURISDICTION === "eu" ? namespace.jurisdiction("eu") : namespace;
}
