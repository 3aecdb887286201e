import { Navigate, Route, Router, type RouteSectionProps } from "@solidjs/router";
import { type Component, lazy, Show } from "solid-js";
import { render } from "solid-js/web";
import { loadCallScreen } from "./call/call-screen.ts";
import { language, loadLanguage, messagesReady, setLanguage, t } from "./shared/i18n.ts";
// Every screen uses it: imported here so it stays in the first load's main chunk instead of a chunk
// of its own, one more request before the join page.
import "./shared/page.ts";
import "./styles.css";

/**
 * A screen that shows once its code and the page's words are both in. Both are fetched at once, so the
 * words (one language only, see shared/i18n.ts) cost no extra round trip before the join page.
 */
const screen = <P extends object>(load: () => Promise<{ default: Component<P> }>) =>
  lazy(() => Promise.all([loadLanguage(language()), load()]).then(([, module]) => module));

/** A provider's screen: loads with the provider's messages, which the patient's path never downloads. */
const providerScreen = <P extends object>(load: () => Promise<{ default: Component<P> }>) =>
  screen(async () => {
    await import("./provider/i18n-provider.ts");
    return load();
  });

const Login = providerScreen(() => import("./provider/Login.tsx"));
const Dashboard = providerScreen(() => import("./provider/Dashboard.tsx"));
const Join = screen(() => import("./patient/Join.tsx"));
/** A provider's personal room for walk-ins: the same join page, loaded only on its own path. */
const Room = screen(() => import("./patient/Room.tsx"));
/** Its own chunk: the code form never weighs on the first load of a link's page. */
const JoinByCode = screen(() => import("./patient/JoinByCode.tsx"));
/** The call loads its own messages with it, in parallel: the join page's first load stays small. */
const Call = screen(loadCallScreen);
const Signup = providerScreen(() => import("./provider/Signup.tsx"));
const Confirm = providerScreen(() => import("./provider/Confirm.tsx"));
const ForgotPassword = providerScreen(() => import("./provider/ForgotPassword.tsx"));
const ResetPassword = providerScreen(() => import("./provider/ResetPassword.tsx"));
const JoinPractice = providerScreen(() => import("./provider/JoinPractice.tsx"));
const Account = providerScreen(() => import("./provider/Account.tsx"));
const AccountDeleted = providerScreen(() => import("./provider/AccountDeleted.tsx"));
const Practice = providerScreen(() => import("./provider/Practice.tsx"));
/** The terms of use and the privacy notice: public, one chunk of their own with both languages' texts. */
const Legal = screen(() => import("./legal/legal-route.tsx"));
/** Around the logged-in provider's pages: their presence in the waiting room lives as long as it does. */
const ProviderArea = providerScreen(() => import("./provider/provider-area.tsx"));

/** A switch whose words could not be fetched (offline) leaves the page as it was; the next press tries again. */
function switchLanguage(): void {
  setLanguage(language() === "de" ? "en" : "de").catch(() => undefined);
}

/** Its own chunk: a mistyped address is rare, and every page's first load is the lighter for it. */
const NotFound = screen(() => import("./shared/not-found.tsx"));

function Layout(props: RouteSectionProps) {
  return (
    <>
      <Show when={messagesReady()}>
        <header class="bar">
          <span class="brand">{t("appName")}</span>
          <button type="button" class="link" data-testid="language-toggle" onClick={switchLanguage}>
            {t("language")}
          </button>
        </header>
      </Show>
      <main>{props.children}</main>
    </>
  );
}

render(
  () => (
    <Router root={Layout}>
      <Route path="/" component={() => <Navigate href="/dashboard" />} />
      <Route path="/login" component={Login} />
      <Route path="/signup" component={Signup} />
      {/* Mailed links carry their token in the fragment (#…), which never reaches a server. */}
      <Route path="/confirm" component={Confirm} />
      <Route path="/forgot-password" component={ForgotPassword} />
      <Route path="/reset" component={ResetPassword} />
      <Route path="/join-practice" component={JoinPractice} />
      <Route component={ProviderArea}>
        <Route path="/account" component={Account} />
        <Route path="/practice" component={Practice} />
        <Route path="/dashboard" component={Dashboard} />
      </Route>
      <Route path="/account-deleted" component={AccountDeleted} />
      <Route path="/j/:token" component={Join} />
      <Route path="/r/:practice/:room" component={Room} />
      <Route path="/join" component={JoinByCode} />
      <Route path="/c/:id" component={Call} />
      <Route path={["/terms", "/privacy"]} component={Legal} />
      <Route path="*" component={NotFound} />
    </Router>
  ),
  document.getElementById("app") as HTMLElement,
);
