import { primaryRole, type CurrentUser } from "#app/features/auth/current-user.ts";
import { can } from "#app/features/auth/permissions.ts";

export interface MenuItem {
  to: string;
  /** Catalogue key of the label. */
  label: string;
}

/** The navigation a person sees, derived from the same permissions the routes enforce. */
export function menuFor(user: CurrentUser | null): MenuItem[] {
  const items: MenuItem[] = [{ to: "/", label: "nav.home" }];
  if (!user) return items;
  if (can(user, "consultation.list")) items.push({ to: "/consultations", label: "nav.consultations" });
  if (can(user, "survey.manage")) items.push({ to: "/surveys", label: "nav.surveys" });
  if (can(user, "organisation.list")) items.push({ to: "/organisations", label: "nav.organisations" });
  if (can(user, "response.readAll")) items.push({ to: "/proposals", label: "nav.proposals" });
  if (can(user, "people.list")) items.push({ to: "/people", label: "nav.people" });
  if (can(user, "invitation.list")) items.push({ to: "/invitations", label: "nav.invitations" });
  if (can(user, "outbox.read")) items.push({ to: "/outbox", label: "nav.outbox" });
  if (can(user, "signInActivity.read")) items.push({ to: "/sign-in-activity", label: "nav.signInActivity" });
  const role = primaryRole(user);
  const own = user.memberships.find((m) => m.role === "focal_point" || m.role === "partner");
  if (own && (role === "focal_point" || role === "partner")) {
    items.push({ to: `/organisations/${own.organisationId}`, label: role === "focal_point" ? "nav.myDelegation" : "nav.myOrganisation" });
  }
  items.push({ to: "/account", label: "nav.account" });
  return items;
}
