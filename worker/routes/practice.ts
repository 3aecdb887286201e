import { router } from "../router.ts";

export const practiceRoutes = router();
