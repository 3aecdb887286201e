// The call screen's code (with its messages), loaded once. The router loads it at admission at the
// latest; the waiting room (both sides) loads it earlier, so that being let in does not wait for it.

type CallScreen = typeof import("./Call.tsx");

let loading: Promise<CallScreen> | undefined;

/** The call screen's module; a load that failed (an update meanwhile, a lost line) is tried again next time. */
export function loadCallScreen(): Promise<CallScreen> {
  if (loading) return loading;
  const started = Promise.all([import("./i18n-call.ts"), import("./Call.tsx")]).then(([, screen]) => screen);
  loading = started;
  started.catch(() => {
    if (loading === started) loading = undefined;
  });
  return started;
}

/** Loads the call screen ahead of need; a failure here is not the person's concern (admission tries again). */
export function prefetchCallScreen(): void {
  loadCallScreen().catch(() => undefined);
}
