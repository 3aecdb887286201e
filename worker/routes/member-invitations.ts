import { router } from "../router.ts";

export const memberInvitationRoutes = router();
