// /join-practice#token: a colleague's invitation to a practice. Shows who invites whom, then creates
// the account (confirmed by the link itself) and logs it in.
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, Match, Switch } from "solid-js";
import type { InvitationDetails } from "../../../schema/api-types.ts";
import { MAX_NAME_LENGTH } from "../../../schema/limits.ts";
import { Field } from "../forms/field.tsx";
import { Form } from "../forms/form.tsx";
import { createSubmit, describeError } from "../forms/submit.ts";
import { api } from "../shared/api.ts";
import { language, t, tf } from "../shared/i18n.ts";
import { focusWhenShown, usePageTitle } from "../shared/page.ts";
import {
  LinkProblem,
  type LinkProblemCode,
  linkProblemOf,
  NewPasswordInput,
  pageAfterLogin,
  RetryPanel,
} from "./auth-parts.tsx";
import { takeLinkToken } from "./link-token.ts";

type Lookup =
  | { name: "invited"; details: InvitationDetails }
  | { name: "link"; problem: LinkProblemCode }
  | { name: "failed"; message: string };

function AcceptForm(props: { token: string; details: InvitationDetails; linkFailed(problem: LinkProblemCode): void }) {
  const navigate = useNavigate();
  const joining = createSubmit(async (form) => {
    try {
      const provider = await api.acceptInvitation({
        token: props.token,
        name: String(form.get("name")),
        password: String(form.get("password")),
        language: language(),
      });
      navigate(pageAfterLogin(provider), { replace: true });
    } catch (e) {
      const problem = linkProblemOf(e);
      if (!problem) throw e;
      props.linkFailed(problem);
    }
  });
  const role = () => t(props.details.role === "admin" ? "joinPracticeRoleAdmin" : "joinPracticeRoleProvider");

  return (
    <Form
      class="card narrow"
      testid="join-practice"
      submission={joining}
      submitLabel={t("joinPracticeSubmit")}
      busyLabel={t("joinPracticeJoining")}
      submitTestid="join-practice-submit"
      errorTestid="join-practice-error"
    >
      <h1 tabindex="-1" ref={focusWhenShown}>
        {t("joinPracticeTitle")}
      </h1>
      <p data-testid="join-practice-invitation">
        {tf("joinPracticeInvites", { practice: props.details.practiceName, email: props.details.email, role: role() })}
      </p>
      <p class="muted">{t("joinPracticeIntro")}</p>
      {/* The account's login is the invited address; shown as a field so password managers store it. */}
      <label>
        {t("email")}
        <input type="email" class="fixed" readOnly value={props.details.email} autocomplete="username" />
      </label>
      <Field
        label={t("authDisplayName")}
        name="name"
        noAddress
        required
        missingMessage={t("fieldYourName")}
        maxLength={MAX_NAME_LENGTH}
        autocomplete="name"
        data-testid="join-practice-name"
      />
      <NewPasswordInput label={t("password")} testid="join-practice-password" />
    </Form>
  );
}

export default function JoinPractice() {
  usePageTitle(() => "pageJoinPractice");
  const token = takeLinkToken();
  /** Set when accepting finds the link used or expired after all (another tab, or the clock). */
  const [lateProblem, setLateProblem] = createSignal<LinkProblemCode>();
  const [lookup, { refetch }] = createResource(async (): Promise<Lookup> => {
    if (!token) return { name: "link", problem: "link-invalid" };
    try {
      return { name: "invited", details: await api.invitationDetails(token) };
    } catch (e) {
      const problem = linkProblemOf(e);
      return problem ? { name: "link", problem } : { name: "failed", message: describeError(e) };
    }
  });
  const problem = () => {
    const current = lookup();
    return lateProblem() ?? (current?.name === "link" ? current.problem : undefined);
  };

  return (
    <Switch>
      <Match when={problem()}>
        {(code) => (
          <LinkProblem code={code()}>
            <p>{t("joinPracticeAskAgain")}</p>
          </LinkProblem>
        )}
      </Match>
      <Match when={lookup.loading}>
        <p class="card narrow muted" role="status">
          {t("loading")}
        </p>
      </Match>
      <Match when={lookup()?.name === "failed" && (lookup() as Extract<Lookup, { name: "failed" }>)}>
        {(failed) => <RetryPanel message={failed().message} retry={() => void refetch()} />}
      </Match>
      <Match when={lookup()?.name === "invited" && (lookup() as Extract<Lookup, { name: "invited" }>)}>
        {(invited) => <AcceptForm token={token ?? ""} details={invited().details} linkFailed={setLateProblem} />}
      </Match>
    </Switch>
  );
}
