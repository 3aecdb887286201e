import { Navigate, Route, Router, type RouteSectionProps } from "@solidjs/router";
import { lazy } from "solid-js";
import { render } from "solid-js/web";
import { language, setLanguage, t } from "./i18n.ts";
import { focusWhenShown, usePageTitle } from "./page.ts";
import "./styles.css";

const Login = lazy(() => import("./screens/Login.tsx"));
const Dashboard = lazy(() => import("./screens/Dashboard.tsx"));
const Join = lazy(() => import("./screens/Join.tsx"));
const Call = lazy(() => import("./screens/Call.tsx"));
const Signup = lazy(() => import("./screens/Signup.tsx"));
const Confirm = lazy(() => import("./screens/Confirm.tsx"));
const ForgotPassword = lazy(() => import("./screens/ForgotPassword.tsx"));
const ResetPassword = lazy(() => import("./screens/ResetPassword.tsx"));
const JoinPractice = lazy(() => import("./screens/JoinPractice.tsx"));
const Account = lazy(() => import("./screens/Account.tsx"));
const Practice = lazy(() => import("./screens/Practice.tsx"));

function NotFound() {
  usePageTitle(() => "pageNotFound");
  return (
    <div class="card narrow" role="alert" data-testid="not-found">
      <h1 tabindex="-1" ref={focusWhenShown}>
        {t("pageNotFound")}
      </h1>
      <p>{t("notFound")}</p>
    </div>
  );
}

function Layout(props: RouteSectionProps) {
  return (
    <>
      <header class="bar">
        <span class="brand">{t("appName")}</span>
        <button
          type="button"
          class="link"
          data-testid="language-toggle"
          onClick={() => setLanguage(language() === "de" ? "en" : "de")}
        >
          {t("language")}
        </button>
      </header>
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
      <Route path="/account" component={Account} />
      <Route path="/practice" component={Practice} />
      <Route path="/dashboard" component={Dashboard} />
      <Route path="/j/:token" component={Join} />
      <Route path="/c/:id" component={Call} />
      <Route path="*" component={NotFound} />
    </Router>
  ),
  document.getElementById("app") as HTMLElement,
);
