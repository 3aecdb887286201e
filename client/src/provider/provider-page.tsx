// The shell of each logged-in provider page (dashboard, account, practice): who is logged in, asked once
// as the page opens and handed to the page; the login page instead when nobody is (401); "could not
// load" otherwise. Asked per page rather than once for the whole area: a practice that has just
// required two-step login must find its members' pages up to date.
import { useNavigate } from "@solidjs/router";
import { type Accessor, createEffect, createResource, type JSX, Match, Switch } from "solid-js";
import type { ProviderView } from "../../../schema/api-types.ts";
import { ApiError, api } from "../shared/api.ts";
import { type MessageKey, t } from "../shared/i18n.ts";
import { LoadFailed } from "../shared/load-failed.tsx";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";
import { usePresenceFor, useWaitingCount } from "../waiting/presence-context.tsx";
import { keepDeviceKey } from "./device-key/this-device.ts";
import { OperatorDetailsBanner } from "./operator-details-banner.tsx";
import { ProviderNav } from "./provider-nav.tsx";

export interface SignedIn {
  me: Accessor<ProviderView>;
  /** Asks the server again (a role or a requirement changed). */
  reload(): void;
  /** What the page itself changed (a new name, two-step login switched on). */
  update(next: Partial<ProviderView>): void;
}

export function ProviderPage(props: {
  title(): MessageKey;
  /** For pages that work only once two-step login is set up where the practice requires it. */
  enrolledOnly?: boolean;
  children(signedIn: SignedIn): JSX.Element;
}) {
  const navigate = useNavigate();
  usePageTitle(() => props.title(), useWaitingCount());
  const [me, { refetch, mutate }] = createResource(async () => {
    try {
      const provider = await api.me();
      // The practice requires 2FA: nothing but the account page works until it is set up.
      if (props.enrolledOnly && provider.mustEnrolTotp) navigate("/account", { replace: true });
      return provider;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) navigate("/login", { replace: true });
      throw e;
    }
  });
  // Present in the waiting room once the page knows who is logged in.
  usePresenceFor(me);
  // This browser's device key (issue 25), in the background: the page never waits for it, and a failure
  // only means that patients' names show on the provider's other devices. Imported, not loaded apart: a
  // chunk of its own would add its file name to the entry's preload table, which every patient loads.
  // Not while two-step login must be set up first: such a provider sees no patient yet.
  createEffect(() => {
    if (me.error) return;
    const provider = me();
    if (provider && !provider.mustEnrolTotp) void keepDeviceKey(provider.id);
  });
  const signedIn: SignedIn = {
    me: () => me() as ProviderView,
    reload: () => void refetch(),
    update(next) {
      const current = me();
      if (current) mutate({ ...current, ...next });
    },
  };
  const ready = () => {
    const provider = me();
    return !!provider && !(props.enrolledOnly && provider.mustEnrolTotp);
  };

  return (
    <Switch fallback={<p class="muted">{t("loading")}</p>}>
      <Match when={me.error}>
        <LoadFailed />
      </Match>
      <Match when={ready()}>
        <OperatorDetailsBanner />
        {props.children(signedIn)}
      </Match>
    </Switch>
  );
}

/** A provider page's heading, which takes the focus as the page opens, beside the navigation. */
export function ProviderHeading(props: { children: JSX.Element; testid?: string }) {
  return (
    <div class="row spread wrap">
      <h1 tabindex="-1" ref={focusWhenShown} data-testid={props.testid}>
        {props.children}
      </h1>
      <ProviderNav />
    </div>
  );
}
