// What a group's safety code covers and what to do with it: everyone compares the same number over
// the same people, so the count is said as well as shown (`data-participants` on the code).
import { t, tf } from "../../shared/i18n.ts";
import "./i18n-group.ts";

export function GroupCodeHelp(props: { participants: number; provider: boolean }) {
  return (
    <>
      <p data-testid="safety-code-covers">{tf("groupCodeCovers", { n: String(props.participants) })}</p>
      <p>{props.provider ? t("groupCodeHelpProvider") : t("groupCodeHelpPatient")}</p>
    </>
  );
}
