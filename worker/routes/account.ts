import { router } from "../router.ts";

export const accountRoutes = router();
