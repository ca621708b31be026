import { data } from "@remix-run/node";
import { ErrorPage } from "#app/components/error-boundary.tsx";
import { pageTitle } from "#app/components/meta.ts";

/**
 * Every address no other route answers. Remix runs no loader at all for an address that matches
 * no route, not even the root's, so the page would not know the reader's language or session;
 * as a route of its own, the 404 page is in the reader's language, with their menu.
 */
export const meta = pageTitle("error.404.title");

export function loader() {
  return data(null, { status: 404 });
}

export const action = loader;

export default function NotFound() {
  return <ErrorPage status={404} />;
}
