// The layout around the logged-in provider's pages (dashboard, account, practice): it stays mounted
// while the provider moves between them, and with it their one presence in the waiting room.
import type { RouteSectionProps } from "@solidjs/router";
import { ProviderPresenceProvider } from "../waiting/presence-context.tsx";

export default function ProviderArea(props: RouteSectionProps) {
  return <ProviderPresenceProvider>{props.children}</ProviderPresenceProvider>;
}
