// The provider's presence as the provider's pages see it: one for all of them, made by the layout
// around them (provider-area.tsx), so that moving between dashboard, account and practice neither drops
// the waiting-room socket (patients would see the provider go offline) nor loses the count, the arrival
// chime or the notification.
import { useNavigate } from "@solidjs/router";
import {
  type Accessor,
  createContext,
  createEffect,
  createMemo,
  createSignal,
  type JSX,
  onCleanup,
  type Resource,
  useContext,
} from "solid-js";
import type { ProviderView } from "../../../schema/api-types.ts";
import { prefetchCallScreen } from "../call/call-screen.ts";
import { ApiError, api } from "../shared/api.ts";
import { enableSoundOnFirstGesture } from "../shared/chime.ts";
import { ICE_AHEAD_RENEW_MS, prefetchIceServers } from "../shared/ice.ts";
import { keepTicket, markAsProvider } from "../shared/tickets.ts";
import { announceArrival, announceCallRequest } from "./announce.ts";
import { type ChosenStatus, chosenStatus, keepChosenStatus } from "./chosen-status.ts";
import { createDeskSession, type DeskSession, type DeskState } from "./desk-session.ts";
import { type DeviceKeySource, thisDeviceKeySource } from "./device-key-source.ts";
import { createNameOpener, type NameOpener } from "./open-names.ts";

export interface ProviderPresence {
  /** Everything the desk session knows, as one signal for the screens to draw. */
  state: Accessor<DeskState>;
  waiting: Accessor<number>;
  /** The queue's commands, straight from the session. */
  desk: DeskSession;
  /** Keeps the chosen status for this tab (after a call, too) and tells the room. */
  saveStatus(chosen: ChosenStatus): void;
  /** The names of those waiting, as this device opens them (issue 25). */
  names: NameOpener;
  /** Who is logged in: their device key opens the names. Told before the desk starts. */
  setProvider(providerId: string): void;
}

const PresenceContext = createContext<ProviderPresence>();

/** Well inside the session's two idle hours, and rare enough to cost nothing. */
const KEEP_ALIVE_MS = 10 * 60 * 1000;

export function ProviderPresenceProvider(props: { children?: JSX.Element; keys?: DeviceKeySource }) {
  const navigate = useNavigate();
  // The key is asked for only once a sealed name arrives, and that needs the desk, which starts once the
  // page knows who is logged in (usePresenceFor): the provider's id is there by then.
  let providerId: string | undefined;
  const keys = props.keys ?? thisDeviceKeySource;
  const names = createNameOpener({
    key: async () => (providerId === undefined ? undefined : keys.keyFor(providerId)),
  });
  onCleanup(() => names.dispose());
  const desk = createDeskSession({
    status: chosenStatus(),
    events: {
      arrived: announceArrival,
      callRequest: announceCallRequest,
      admitted(consultationId, ticket) {
        keepTicket(consultationId, ticket);
        markAsProvider(consultationId);
        navigate(`/c/${consultationId}`);
      },
      // The session ended (logout, expiry, "log out everywhere"), or the practice now requires two-step
      // login this provider lacks. The account says which page helps.
      refused() {
        const to = (page: string) => navigate(page, { replace: true });
        void api.me().then(
          (me) => to(me.mustEnrolTotp ? "/account" : "/login"),
          () => to("/login"),
        );
      },
    },
  });
  const [state, setState] = createSignal<DeskState>(desk.state);
  onCleanup(desk.subscribe(setState));
  onCleanup(() => desk.stop());
  // Sound needs a click or key press first: any on a provider's page will do.
  onCleanup(enableSoundOnFirstGesture());

  // Being present is activity: the session's idle expiry (two hours without a request) must not log out
  // a receptionist who waits for patients all morning. A refused check means the session ended.
  const present = createMemo(() => state().connection !== "idle" && state().connection !== "refused");
  createEffect(() => {
    if (!present()) return;
    const timer = setInterval(() => {
      api.me().catch((e) => {
        if (e instanceof ApiError && e.status === 401) navigate("/login", { replace: true });
      });
    }, KEEP_ALIVE_MS);
    onCleanup(() => clearInterval(timer));
  });

  // Someone waits: the call screen and its relay servers are made ready now, so that admitting waits
  // for neither. The servers are renewed while the wait lasts (their credentials expire).
  const someoneWaits = createMemo(() => state().patients.length > 0);
  createEffect(() => {
    if (!someoneWaits()) return;
    prefetchCallScreen();
    prefetchIceServers();
    const timer = setInterval(() => prefetchIceServers(), ICE_AHEAD_RENEW_MS);
    onCleanup(() => clearInterval(timer));
  });

  const value: ProviderPresence = {
    state,
    waiting: () => state().patients.length,
    desk,
    saveStatus(chosen) {
      keepChosenStatus(chosen);
      desk.setStatus(chosen);
    },
    names,
    setProvider(id) {
      providerId = id;
    },
  };
  return <PresenceContext.Provider value={value}>{props.children}</PresenceContext.Provider>;
}

/** The presence of the provider's pages; undefined outside them. */
export function usePresence(): ProviderPresence | undefined {
  return useContext(PresenceContext);
}

/** How many wait, for a page's title and navigation: 0 outside the provider's pages. */
export function useWaitingCount(): Accessor<number> {
  const presence = usePresence();
  return () => presence?.waiting() ?? 0;
}

/**
 * For each provider page: present once the page knows who is logged in, unless the practice requires
 * two-step login this provider has not set up (the server refuses their socket anyway: no retries).
 */
export function usePresenceFor(me: Resource<ProviderView>): void {
  const presence = usePresence();
  createEffect(() => {
    if (!presence || me.error) return;
    const provider = me();
    if (!provider) return;
    presence.setProvider(provider.id);
    if (provider.mustEnrolTotp) presence.desk.stop();
    else presence.desk.start();
  });
}
