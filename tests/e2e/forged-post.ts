import type { Page, Response } from "@playwright/test";

/**
 * Sends the page's own address a form that no button of the page sends (`intent=forged`), as a
 * plain document request, and resolves to the answer once it is shown: the action refuses it
 * before the root's loader runs.
 */
export async function forgedPost(page: Page): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.request().method() === "POST" && candidate.request().resourceType() === "document"),
    page.evaluate(() => {
      const form = document.createElement("form");
      form.method = "post";
      form.innerHTML = '<input name="intent" value="forged">';
      document.body.append(form);
      form.submit();
    }),
  ]);
  await page.waitForLoadState();
  return response;
}
