// The group call's lazy chunk: the grid for three or more people, the participants panel, the labels'
// and the group safety code's words. The call screen prefetches it (call-screen.ts), so it is there at
// admission without weighing on the first load or the call chunk (GROUP_JS_BUDGET in bench/page-weight.ts).
import "./i18n-group.ts";

export { GroupCodeHelp } from "./code-help.tsx";
export { Grid } from "./grid.tsx";
export { LabelText } from "./label.tsx";
export { AskedToMuteNotice, GraceNotice } from "./notices.tsx";
export { ParticipantsPanel } from "./participants-panel.tsx";
