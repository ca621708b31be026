import { join } from "node:path";
import { AppProcess } from "../app-process.ts";
import { startMailServer, type MailServer } from "../mail-server.ts";
import { removeTempFolders, tempFolder } from "../temp.ts";
import { MAIL_PORT } from "./ports.ts";
import { ACCOUNTS, expect, hydrated, sendInvitation, signIn, test } from "./fixtures.ts";

// A server of its own, sending through a mail server on 127.0.0.1 that refuses one address for good.
const PORT = MAIL_PORT;
let mail: MailServer;
let app: AppProcess;

test.describe.configure({ mode: "serial" });
test.use({ locale: "en-GB", baseURL: `http://127.0.0.1:${PORT}` });

test.beforeAll(async () => {
  mail = await startMailServer();
  app = new AppProcess(PORT, join(tempFolder("consulta-mail-"), "app.db"), {
    env: { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(mail.port), SMTP_SECURE: "false", MAIL_FROM: "IDM secretariat <idm@example.org>" },
  });
  await app.start();
});

test.afterAll(async () => {
  await app.stop();
  await mail.close();
  removeTempFolders();
});

test("an invitation the mail server refuses shows as failed in the outbox, and is sent again once the mailbox exists @sqlite", async ({ page }) => {
  mail.refusals.set("new.focal@senegal.example", [{ code: 550, message: "5.1.1 No such user here" }]);
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/invitations");
  await hydrated(page);
  await sendInvitation(page, { email: "new.focal@senegal.example", organisation: "Senegal", role: "State focal point", language: "fr" });

  await page.getByRole("link", { name: "See it in the outbox." }).click();
  await expect(page.getByText(/tried again after 5 minutes/)).toBeVisible();
  const row = page.getByRole("row", { name: /new\.focal@senegal\.example/ });
  await expect(row).toContainText("Failed");
  await row.getByRole("link").click();
  await expect(page.getByText("5.1.1 No such user here")).toBeVisible();
  await expect(page.locator(".facts")).toContainText(/Attempts\s*1(?! of)/);
  expect(mail.received.filter((message) => message.to.includes("new.focal@senegal.example"))).toEqual([]);

  // The delegation has made the mailbox: the secretariat sends the invitation again.
  await page.getByRole("button", { name: "Send again" }).click();
  await expect(page.getByRole("status")).toHaveText("The e-mail was sent.");
  await expect(page.locator(".facts")).toContainText("Sent");
  await expect(page.getByRole("button", { name: "Send again" })).toHaveCount(0);
  const sent = mail.received.filter((message) => message.to.includes("new.focal@senegal.example"));
  expect(sent).toHaveLength(1);
  expect(sent[0]?.raw).toMatch(/\/invite\/[a-z2-7]{40,}/);
  // Once sent, the outbox no longer holds a usable link.
  await expect(page.locator(".email-body")).toContainText("/invite/[…]");
});
