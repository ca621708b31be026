import type { Browser, Page } from "@playwright/test";
import { ACCOUNTS, expect, hydrated, sendInvitation, signIn, test } from "./fixtures.ts";
import { lastSegment, postAnswers, postForm } from "./hostile.ts";

test.use({ locale: "en-GB" });
// Each test signs in three times in two or three browsers (scrypt each time): more than the default 30 s on a busy machine.
test.slow();

const RUN = Date.now().toString(36);

function genevaLocal(days: number): string {
  return new Date(Date.now() + days * 864e5).toISOString().slice(0, 16);
}

/** A capacity-needs consultation of its own, open now, so that closing it touches no other test's. */
async function openConsultation(admin: Page, slug: string): Promise<string> {
  await admin.goto("/consultations/new");
  const meetingId = await admin.getByLabel("Meeting").locator("option:not([value=''])").first().getAttribute("value");
  const created = await postForm(admin, "/consultations/new", {
    meetingId: meetingId ?? "",
    slug,
    phase: "pre",
    kind: "capacity_survey",
    audience: "state",
    surveySlug: "capacity-needs",
    title_en: `Capacity needs ${slug}`,
    title_fr: `Besoins en capacités ${slug}`,
    title_es: `Necesidades de capacidad ${slug}`,
    description_en: "Made by the secretariat's browser test",
    description_fr: "Créée par le test du secrétariat",
    description_es: "Creada por la prueba de la secretaría",
    opensAt: genevaLocal(-1),
    closesAt: genevaLocal(30),
    publish: "on",
  });
  expect(created.status()).toBe(302);
  return lastSegment(created.headers().location);
}

async function signedInPage(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled });
  const page = await context.newPage();
  if (javaScriptEnabled) await signIn(page, email);
  else {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill("consulta-demo-2018");
    await page.locator("form#sign-in").getByRole("button").click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
  return page;
}

test("the secretariat sees whom to chase, then closes the consultation only after confirming, without JavaScript", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.admin);
  const id = await openConsultation(page, `chase-${RUN}`);
  // Mexico's focal point leaves a draft.
  const focalPoint = await signedInPage(browser, ACCOUNTS.focal_point);
  await focalPoint.goto(`/consultations/${id}`);
  await postAnswers(focalPoint, id, { intent: "save", answers: { coordinating_institution: "Secretaría de Relaciones Exteriores" }, revision: 0, page: 0 });

  const admin = await signedInPage(browser, ACCOUNTS.admin, false);
  await admin.goto(`/consultations/${id}`);
  await admin.getByRole("link", { name: "See where each organisation stands" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Progress: Capacity needs chase-${RUN}`);
  await expect(admin.getByText("1 organisation has a draft in progress")).toBeVisible();
  await admin.getByLabel("Answer", { exact: true }).selectOption({ label: "Draft" });
  await admin.getByRole("button", { name: "Apply" }).click();
  // The view is in the address, to be shared.
  expect(new URL(admin.url()).searchParams.get("state")).toBe("draft");
  const row = admin.getByRole("row", { name: /Mexico/ });
  await expect(row).toContainText("Draft");
  await expect(row.getByRole("link", { name: ACCOUNTS.focal_point })).toHaveAttribute("href", `mailto:${ACCOUNTS.focal_point}`);
  await expect(admin.getByText("1 organisation", { exact: true })).toBeVisible();

  await admin.getByRole("link", { name: `Capacity needs chase-${RUN}` }).click();
  await admin.getByRole("button", { name: "Close now" }).click();
  const confirmation = admin.getByRole("region", { name: "Close this consultation now?" });
  await expect(confirmation).toContainText("1 organisation has a draft that has not been submitted");
  await expect(confirmation).toContainText("195 organisations asked to answer have not submitted an answer.");
  await expect(admin.locator(".badge").first()).toHaveText("Open");
  await confirmation.getByRole("button", { name: "Yes, close it now" }).click();
  await expect(admin.getByRole("status")).toContainText("The consultation is closed.");
  await expect(admin.locator(".badge").first()).toHaveText("Closed");
  await admin.context().close();
  await focalPoint.context().close();
});

test("the secretariat deactivates and reactivates an account, each confirmed; the person's last sign-in is the acceptance of their invitation", async ({ page, browser }) => {
  const email = `rosa.quispe.${RUN}@gov.example`;
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/invitations");
  await hydrated(page);
  await sendInvitation(page, { email, name: "Rosa Quispe", organisation: "Peru", role: "State focal point", language: "en" });
  await page.getByRole("link", { name: "See it in the outbox." }).click();
  // The invitations page lists the same address in a row of its own: wait for the outbox first.
  await expect(page).toHaveURL(/\/outbox$/);
  await page.getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) }).getByRole("link").first().click();
  const path = new URL((await page.locator(".email-body a").getAttribute("href")) ?? "").pathname;

  const context = await browser.newContext({ locale: "en-GB" });
  const rosa = await context.newPage();
  await rosa.goto(path);
  await hydrated(rosa);
  await rosa.getByLabel("Choose a password").fill("terraces of the Sacred Valley");
  await rosa.getByLabel("Type the password again").fill("terraces of the Sacred Valley");
  await rosa.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(rosa.getByRole("heading", { level: 1 })).toHaveText("Peru");

  await page.goto(`/people?q=${encodeURIComponent(email)}`);
  await hydrated(page);
  const person = page.getByRole("row", { name: /Rosa Quispe/ });
  await expect(person).not.toContainText("Never");
  await expect(person).toContainText("Active");
  await person.getByRole("button", { name: "Deactivate Rosa Quispe" }).click();
  const confirmation = page.getByRole("region", { name: "Deactivate this account?" });
  await expect(confirmation).toContainText(email);
  await expect(confirmation.getByRole("heading")).toBeFocused();
  await confirmation.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").first()).toHaveText("The account is deactivated and its sessions are ended.");
  await expect(page.getByRole("row", { name: /Rosa Quispe/ })).toContainText("Deactivated");

  // Signed out at once, and refused at the door.
  await rosa.reload();
  await expect(rosa.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await rosa.goto("/sign-in");
  await rosa.getByLabel("E-mail address").fill(email);
  await rosa.getByLabel("Password").fill("terraces of the Sacred Valley");
  await rosa.locator("form#sign-in").getByRole("button").click();
  await expect(rosa.getByRole("alert")).toContainText("The e-mail address or the password is not right.");

  await page.getByRole("row", { name: /Rosa Quispe/ }).getByRole("button", { name: "Reactivate Rosa Quispe" }).click();
  await page.getByRole("region", { name: "Reactivate this account?" }).getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").first()).toHaveText("The account is active again.");
  await signIn(rosa, email, "terraces of the Sacred Valley");
  await context.close();
});
