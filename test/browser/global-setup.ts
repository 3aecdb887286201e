// One server for the whole browser suite, with a coturn relay so both call paths can be tested.
import type { TestProject } from "vitest/node";
import { startStack } from "./stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startStack({ relay: true });
  project.provide("baseUrl", stack.baseUrl);
  return stack.stop;
}
