// ICE servers for a call's peer connections. TURN credentials are short-lived, so every new peer
// connection gets fresh ones (REALTIME.md); only the first set is fetched ahead, while the socket
// connects, because the first peer connection needs it at once.
import type { Clock } from "../shared/clock.ts";

const ICE_FETCH_TRIES = 3;

/**
 * Starts fetching now and returns what each new peer connection calls: the prefetched set the first
 * time, a new fetch later, each retried with a growing pause; undefined once every try failed.
 */
export function iceServerSource(
  fetchServers: () => Promise<RTCConfiguration>,
  clock: Clock,
): () => Promise<RTCConfiguration | undefined> {
  let prefetched: Promise<RTCConfiguration> | undefined = fetchServers();
  prefetched.catch(() => undefined);
  const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  return async () => {
    const first = prefetched;
    prefetched = undefined;
    for (let attempt = 0; attempt < ICE_FETCH_TRIES; attempt++) {
      try {
        return await (attempt === 0 && first ? first : fetchServers());
      } catch {
        await wait(1000 * (attempt + 1));
      }
    }
    return undefined;
  };
}
