import type { Page, Response } from "@playwright/test";

/**
 * Sends the page's own address a form as a plain document request (as a browser without
 * JavaScript does), and resolves to the answer once it is shown.
 */
export async function documentPost(page: Page, fields: Record<string, string>): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.request().method() === "POST" && candidate.request().resourceType() === "document"),
    page.evaluate((values) => {
      const form = document.createElement("form");
      form.method = "post";
      for (const [name, value] of Object.entries(values)) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    }, fields),
  ]);
  await page.waitForLoadState();
  return response;
}

/**
 * Sends the page's own address a form that no button of the page sends (`intent=forged`): the
 * action refuses it before the root's loader runs.
 */
export function forgedPost(page: Page): Promise<Response> {
  return documentPost(page, { intent: "forged" });
}
