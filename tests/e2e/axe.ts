import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The impacts the developers' guide forbids on any page. */
const FORBIDDEN = new Set(["serious", "critical"]);

/**
 * Runs axe on the page as it is on the screen and fails on any serious or critical violation,
 * listing each as `rule (impact) at target: help` under `where` (the page, language and viewer),
 * so that a failure says what to fix without opening the trace.
 */
export async function expectNoSeriousViolations(page: Page, where = page.url()): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  const found = violations
    .filter((violation) => FORBIDDEN.has(violation.impact ?? ""))
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}) at ${node.target.join(" ")}: ${violation.help}`));
  expect(found, `serious or critical accessibility violations on ${where}`).toEqual([]);
}
