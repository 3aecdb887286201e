// The group call's lazy chunk: the stage for three or more people (grid and speaker view, pinning, who
// is talking), the participants panel, the labels' and the group safety code's words. The call screen
// prefetches it (call-screen.ts), so it is there at admission without weighing on the first load or the
// call chunk (GROUP_JS_BUDGET in bench/page-weight.ts).
import "./i18n-group.ts";

export { GroupCodeHelp } from "./code-help.tsx";
export { GroupStage } from "./group-stage.tsx";
export { labelText } from "./label.ts";
export { GroupLayout } from "./layouts.tsx";
export { AskedToMuteNotice, GraceNotice, NowModeratorNotice } from "./notices.tsx";
export { ParticipantsPanel } from "./participants-panel.tsx";
