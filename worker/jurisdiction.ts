// The worker and the objects name Durable Objects the same way (the waiting room reaches consultations).
export { objects } from "../durable-objects/jurisdiction.ts";
