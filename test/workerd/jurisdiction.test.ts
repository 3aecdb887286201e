// workerd does not implement jurisdictions locally, so a stand-in namespace records what is asked of it.
import { describe, expect, it } from "vitest";
import { objects } from "../../worker/jurisdiction.ts";

function recordingNamespace() {
  const asked: string[] = [];
  const namespace = {
    jurisdiction(name: string) {
      asked.push(name);
      return { ...namespace, restrictedTo: name };
    },
  };
  return { namespace: namespace as unknown as DurableObjectNamespace, asked };
}

describe("DO_JURISDICTION", () => {
  it("takes Durable Object ids from the EU jurisdiction when set to eu", () => {
    const { namespace, asked } = recordingNamespace();
    const used = objects({ DO_JURISDICTION: "eu" }, namespace);
    expect(asked).toEqual(["eu"]);
    expect(used).toMatchObject({ restrictedTo: "eu" });
  });

  it("uses the namespace as it is otherwise", () => {
    const { namespace, asked } = recordingNamespace();
    expect(objects({ DO_JURISDICTION: "" }, namespace)).toBe(namespace);
    expect(objects({}, namespace)).toBe(namespace);
    expect(asked).toEqual([]);
  });
});
