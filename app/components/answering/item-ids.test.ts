import { readFileSync } from "node:fs";
import { Model, type QuestionPanelDynamicModel } from "survey-core";
import { describe, expect, it } from "vitest";
import { ITEM_ID_KEY, isItemId } from "#app/features/responses/item-key.ts";
import { keepItemIds } from "./item-ids.ts";

const definition = JSON.parse(readFileSync(new URL("../../../surveys/capacity-needs.json", import.meta.url), "utf8")) as object;
type Entry = Record<string, unknown>;
const entriesOf = (model: Model, name: string) => model.getValue(name) as Entry[];

describe("entry ids on the answering page (survey-core)", () => {
  it("gives the entries shown an id without reporting a change, a new entry its own at once, and keeps each id as entries are edited and removed", () => {
    const model = new Model(definition);
    model.data = { can_offer: true, offers: [{ [ITEM_ID_KEY]: "5d0c7d9e-2a3b-4c1d-8e9f-0a1b2c3d4e5f", objective: "gcm-01" }] };
    keepItemIds(model);
    const changes: string[] = [];
    model.onValueChanged.add((_, options) => changes.push(options.name));
    expect(entriesOf(model, "offers")[0]?.[ITEM_ID_KEY]).toBe("5d0c7d9e-2a3b-4c1d-8e9f-0a1b2c3d4e5f");
    // The priority objectives panel shows one empty entry from the start: it has an id too.
    const [shown] = entriesOf(model, "priority_objectives");
    expect(isItemId(shown?.[ITEM_ID_KEY])).toBe(true);

    const offers = model.getQuestionByName("offers") as QuestionPanelDynamicModel;
    offers.addPanel();
    const added = entriesOf(model, "offers")[1]?.[ITEM_ID_KEY];
    expect(isItemId(added)).toBe(true);
    expect(added).not.toBe("5d0c7d9e-2a3b-4c1d-8e9f-0a1b2c3d4e5f");
    const description = offers.panels[1]?.getQuestionByName("description");
    if (!description) throw new Error("the added entry's description");
    description.value = "Peer exchange";
    offers.removePanel(0);
    expect(entriesOf(model, "offers")).toEqual([{ [ITEM_ID_KEY]: added, description: "Peer exchange" }]);
    expect(changes.length).toBeGreaterThan(0);
  });
});
