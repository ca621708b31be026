import type { ActionFunction, LoaderFunction, ServerBuild } from "@remix-run/node";
import { databaseFault, describeDatabaseError, type DatabaseFaultKind } from "#db/faults.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { translator } from "#app/i18n/i18n.ts";

/**
 * How soon a client may try again: the write lock is usually free within seconds; space, a
 * read-only disk or a lost file take someone's action.
 */
const RETRY_AFTER_SECONDS: Record<DatabaseFaultKind, number> = {
  busy: 5,
  unreachable: 10,
  full: 30,
  "read-only": 30,
  storage: 30,
  gone: 30,
};

/**
 * The one answer to a database fault: 503 with Retry-After, nothing having been stored. A
 * resource route (the answering page's JSON endpoint) gets JSON that the page treats like a lost
 * connection (the answers stay on the device and are sent again); a page gets its error boundary
 * (a translated 503 page).
 */
export function databaseFaultResponse(kind: DatabaseFaultKind, request: Request, { json }: { json: boolean }): Response {
  const headers = { "Retry-After": String(RETRY_AFTER_SECONDS[kind]), "Cache-Control": "no-store" };
  const language = detectLanguage(request);
  // The error page is rendered without the root loader's data when an action failed: it takes the language from here.
  if (!json) return Response.json({ language }, { status: 503, statusText: "Service Unavailable", headers });
  return Response.json({ ok: false, reason: "unavailable", message: translator(language)("error.503.body") }, { status: 503, headers });
}

/**
 * The server build with every loader and action answering a database fault (busy, full,
 * read-only, storage, gone, unreachable) with databaseFaultResponse, and one line in the log with
 * the database's own error, instead of a 500 and a stack. Other errors are left to Remix.
 */
export function withDatabaseFaults(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) routes[id] = { ...route, module: guardRouteModule(route.module) };
  return { ...build, routes };
}

/** What a route module exports that matters here. */
interface RouteModule {
  default?: unknown;
  loader?: LoaderFunction;
  action?: ActionFunction;
}

/** One route module guarded so: JSON for a resource route (no component), the error page for a page. */
export function guardRouteModule<M extends RouteModule>(module: M): M {
  const { loader, action } = module;
  const json = module.default === undefined;
  return {
    ...module,
    ...(loader ? { loader: guarded(loader, json) } : {}),
    ...(action ? { action: guarded(action, json) } : {}),
  };
}

function guarded<F extends LoaderFunction | ActionFunction>(handler: F, json: boolean): F {
  const guard = async (args: Parameters<F>[0]) => {
    try {
      return await handler(args);
    } catch (error) {
      const kind = databaseFault(error);
      if (!kind) throw error;
      const { pathname } = new URL(args.request.url);
      console.error(`${args.request.method} ${pathname}: the database is unavailable (${kind}): ${describeDatabaseError(error)}`);
      const response = databaseFaultResponse(kind, args.request, { json });
      if (json) return response;
      throw response;
    }
  };
  return guard as F;
}
