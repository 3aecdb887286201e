import { router } from "../router.ts";

export const operatorRoutes = router();
