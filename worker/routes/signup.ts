import { router } from "../router.ts";

export const signupRoutes = router();
