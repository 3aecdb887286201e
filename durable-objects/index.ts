export { Consultation } from "./consultation/object.ts";
export type { ObjectsEnv } from "./env.ts";
export { WaitingRoom } from "./waiting-room/object.ts";
