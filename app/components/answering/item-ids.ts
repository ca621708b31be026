import type { Model, PanelModel, QuestionPanelDynamicModel } from "survey-core";
import { ITEM_ID_KEY, isItemId, newItemId } from "#app/features/responses/item-key.ts";

function panelQuestions(model: Model): QuestionPanelDynamicModel[] {
  return model.getAllQuestions(false, false, false).filter((question): question is QuestionPanelDynamicModel => question.getType() === "paneldynamic");
}

/** Gives every entry of a repeated panel without an id one (docs/decisions/0017). */
function fillItemIds(question: QuestionPanelDynamicModel): void {
  const value: unknown = question.value;
  const entries: unknown[] = Array.isArray(value) ? value : [];
  const count = Math.max(entries.length, question.panels.length);
  if (count === 0) return;
  let changed = false;
  const filled = Array.from({ length: count }, (_, index) => {
    const entry = entries[index];
    const record = entry && typeof entry === "object" && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {};
    if (isItemId(record[ITEM_ID_KEY])) return record;
    changed = true;
    return { ...record, [ITEM_ID_KEY]: newItemId() };
  });
  if (changed) question.value = filled;
}

/**
 * Every entry of the form's repeated panels carries a stable id: the entries shown when the form
 * is built (before its changes are listened to, so that nothing is saved for it), and each entry
 * added later, at once. The id stays with the entry when it is edited or moved.
 */
export function keepItemIds(model: Model): void {
  for (const question of panelQuestions(model)) fillItemIds(question);
  model.onDynamicPanelAdded.add((_: Model, options: { question: QuestionPanelDynamicModel; panel?: PanelModel }) => fillItemIds(options.question));
}
