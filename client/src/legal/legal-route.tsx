// /terms and /privacy: one lazy chunk for both (one route in main.tsx, which every page loads, is the
// cheaper way for the patient's first load), the page chosen by the path.
import { useLocation } from "@solidjs/router";
import Privacy from "./Privacy.tsx";
import Terms from "./Terms.tsx";

export default function LegalRoute() {
  const location = useLocation();
  return <>{location.pathname === "/privacy" ? <Privacy /> : <Terms />}</>;
}
