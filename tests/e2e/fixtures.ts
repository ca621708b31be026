import { expect, test as base, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "consulta-demo-2018";
export const ACCOUNTS = {
  admin: "admin@consulta.test",
  rapporteur: "rapporteur@consulta.test",
  focal_point: "focal.point@consulta.test",
  partner: "partner@consulta.test",
} as const;

/** Every page is watched: an error in the console (a CSP violation, a hydration error) fails the test. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      const unexpected = errors.filter((text) => !/status of (403|404|400|410|429)/.test(text));
      expect(unexpected, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

let signIns = 0;

/**
 * The address a browser signs in from, one of its own per sign-in (the server trusts the loopback
 * proxy's X-Forwarded-For): the whole suite signs in some hundred times within minutes, and from
 * one address that would run into the limit of successful sign-ins per network (SIGN_IN_LIMITS),
 * which the sign-in limit tests check on a server of their own.
 */
function nextClientAddress(): string {
  signIns += 1;
  return `198.18.${(process.pid + Math.floor(signIns / 250)) % 256}.${(signIns % 250) + 1}`;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.context().setExtraHTTPHeaders({ "X-Forwarded-For": nextClientAddress() });
  await page.goto("/sign-in");
  await page.locator("form#sign-in input[name=email]").fill(email);
  await page.locator("form#sign-in input[name=password]").fill(password);
  await page.locator("form#sign-in").getByRole("button").click();
  await expect(page.getByRole("button", { name: /sign out|se déconnecter|cerrar sesión/i })).toBeVisible();
}

export async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
}

/**
 * The secretariat's invitation form, on the page that shows it (hydrated): fills it, sends it and
 * waits for the confirmation.
 */
export async function sendInvitation(page: Page, invitation: { email: string; name?: string; organisation: string; role: string; language: "en" | "fr" | "es" }) {
  const form = page.locator("form#invite");
  await form.getByLabel("E-mail address").fill(invitation.email);
  if (invitation.name !== undefined) await form.getByLabel("Name (optional)").fill(invitation.name);
  await form.getByLabel("Organisation").selectOption({ label: invitation.organisation });
  await form.getByLabel("Role").selectOption({ label: invitation.role });
  await form.getByLabel("Language of the e-mail").selectOption(invitation.language);
  await form.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByRole("status").first()).toContainText("The invitation has been sent.");
}

/** A moment some days from now, as the secretariat's forms take it: a `datetime-local` value in Geneva time. */
export function genevaLocal(offsetDays: number): string {
  const at = new Date(Date.now() + offsetDays * 24 * 60 * 60 * 1000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
