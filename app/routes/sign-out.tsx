import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#app/db.server.ts";
import { clearedSessionCookie } from "#app/features/auth/cookie.ts";
import { signOut } from "#app/features/auth/sign-in.ts";
import { clientIp, cookieOptions, getUser } from "#app/session.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user) await signOut(getDb(), { userId: user.id, sessionId: user.sessionId, ip: clientIp(context) });
  return redirect("/", { headers: { "Set-Cookie": clearedSessionCookie(cookieOptions(request)) } });
}
