import { describe, expect, it } from "vitest";
import { timeZoneChoices } from "../../client/src/provider/account/time-zones.ts";

// A winter day: Berlin is GMT+1.
const now = new Date("2026-01-15T12:00:00Z");
const known = ["America/Argentina/Buenos_Aires", "Europe/Vienna", "Asia/Kolkata", "Europe/Berlin", "Africa/Lagos"];

describe("the time zone choice on the account page", () => {
  it("offers this device's zone first, then the rest grouped by area, Europe first", () => {
    const choices = timeZoneChoices(known, { current: "Europe/Vienna", device: "Europe/Berlin", locale: "en", now });
    expect(choices.device).toEqual({ value: "Europe/Berlin", label: "Berlin — Central European Time (GMT+1)" });
    expect(choices.groups.map((group) => group.area)).toEqual(["Europe", "America", "Africa", "Asia"]);
    // The device's zone is not offered a second time in its area.
    expect(choices.groups[0]?.options.map((option) => option.value)).toEqual(["Europe/Vienna"]);
  });

  it("names each zone in the page's language with its offset, and keeps the IANA name as the value", () => {
    const choices = timeZoneChoices(known, { current: "Europe/Berlin", device: undefined, locale: "de", now });
    const labels = choices.groups.flatMap((group) => group.options.map((option) => [option.value, option.label]));
    expect(labels).toEqual(
      expect.arrayContaining([
        ["Europe/Berlin", "Berlin — Mitteleuropäische Zeit (GMT+1)"],
        ["America/Argentina/Buenos_Aires", "Buenos Aires, Argentina — Argentinische Normalzeit (GMT-3)"],
        ["Asia/Kolkata", "Kolkata — Indische Normalzeit (GMT+5:30)"],
      ]),
    );
    // No raw IANA name with underscores is shown.
    expect(labels.every(([, label]) => !label?.includes("_"))).toBe(true);
  });

  it("sorts the places in an area alphabetically for this language", () => {
    const choices = timeZoneChoices(["Europe/Zurich", "Europe/Amsterdam", "Europe/Berlin"], {
      current: "Europe/Berlin",
      device: undefined,
      locale: "en",
      now,
    });
    expect(choices.groups[0]?.options.map((option) => option.value)).toEqual([
      "Europe/Amsterdam",
      "Europe/Berlin",
      "Europe/Zurich",
    ]);
  });

  it("keeps a saved zone the browser does not list (Chrome lists no UTC), under Other", () => {
    const choices = timeZoneChoices(known, { current: "UTC", device: "Europe/Berlin", locale: "en", now });
    expect(choices.groups.at(-1)).toEqual({ area: "Other", options: [{ value: "UTC", label: "UTC — GMT+0" }] });
  });
});

describe("renamed zones", () => {
  it("name the place as it is written today, keeping the browser's value", () => {
    const choices = timeZoneChoices(["Europe/Kiev", "Asia/Calcutta"], {
      current: "UTC",
      device: undefined,
      locale: "en",
      now,
    });
    const options = choices.groups.flatMap((group) => group.options);
    expect(options.find((o) => o.value === "Europe/Kiev")?.label).toMatch(/^Kyiv — /);
    expect(options.find((o) => o.value === "Asia/Calcutta")?.label).toMatch(/^Kolkata — /);
  });

  it("appear once when the browser lists both spellings, the saved one kept", () => {
    const listed = ["Europe/Kiev", "Europe/Kyiv", "Europe/Berlin"];
    const values = (current: string, device?: string) =>
      timeZoneChoices(listed, { current, device, locale: "en", now }).groups.flatMap((g) =>
        g.options.map((o) => o.value),
      );
    expect(values("Europe/Berlin")).toEqual(["Europe/Berlin", "Europe/Kiev"]);
    expect(values("Europe/Kyiv")).toEqual(["Europe/Berlin", "Europe/Kyiv"]);
    // This device's zone is offered first, and not again under its old name.
    expect(values("Europe/Berlin", "Europe/Kyiv")).toEqual(["Europe/Berlin"]);
  });

  it("give back the apostrophes and accents their IANA spelling drops", () => {
    const listed = ["America/St_Johns", "Antarctica/DumontDUrville", "Europe/Busingen", "America/Sao_Paulo"];
    const labels = timeZoneChoices(listed, { current: "UTC", device: undefined, locale: "en", now })
      .groups.flatMap((group) => group.options)
      .map((option) => option.label.split(" — ")[0]);
    expect(labels).toEqual(expect.arrayContaining(["St. John's", "Dumont d'Urville", "Büsingen", "São Paulo"]));
  });
});
