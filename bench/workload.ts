// What the bench asks of the app: consultations open now, a signed-in focal point for every State,
// and the requests of a busy closing day (States submitting, pages being read). Everything is made
// with the app's own feature functions on the database the app under test serves.
import { sessionCookieName } from "../app/features/auth/cookie.ts";
import { createSession } from "../app/features/auth/sessions.ts";
import { createConsultation } from "../app/features/consultations/consultations.ts";
import { isoNow, newId } from "../app/features/ids.ts";
import { latestSurveyVersion } from "../app/features/surveys/versions.ts";
import type { Db } from "../db/connect.ts";
import { capacityConsultationInput } from "../tests/consultations.ts";
import { BENCH_ANSWERS } from "./answers.ts";

export interface Submitter {
  cookie: string;
}

export interface Workload {
  consultationIds: string[];
  submitters: Submitter[];
  adminCookie: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** A session for the user, as the browser's cookie carries it. */
export async function cookieFor(db: Db, userId: string): Promise<string> {
  const { token } = await createSession(db, userId);
  return `${sessionCookieName({ secure: false })}=${token}`;
}

/**
 * `consultations` capacity-needs consultations open from yesterday to next week, and one focal
 * point (with a session) for every State: each (consultation, State) pair is one first submission.
 * `versionId` opens them on another version of the survey (one the compiled rules do not cover).
 */
export async function prepareWorkload(db: Db, consultations: number, { versionId }: { versionId?: string } = {}): Promise<Workload> {
  const version = versionId ? { id: versionId } : await latestSurveyVersion(db, "capacity-needs");
  const meeting = await db.selectFrom("meeting").select("id").executeTakeFirstOrThrow();
  if (!version) throw new Error("The capacity-needs survey is not registered: start the app on this database first");
  const now = Date.now();
  const consultationIds: string[] = [];
  for (let i = 0; i < consultations; i += 1) {
    const slug = `bench-${now.toString(36)}-${i}`;
    consultationIds.push(
      await createConsultation(
        db,
        null,
        capacityConsultationInput({ meetingId: meeting.id, surveyVersionId: version.id, slug, opensAt: new Date(now - DAY).toISOString(), closesAt: new Date(now + 7 * DAY).toISOString() }),
        { ip: null },
      ),
    );
  }

  const admin = await db.selectFrom("user").select(["id", "password_hash"]).where("email", "=", "admin@consulta.test").executeTakeFirstOrThrow();
  const states = await db.selectFrom("organisation").select(["id", "country_code"]).where("type", "=", "state").orderBy("name").execute();
  const submitters: Submitter[] = [];
  const stamp = isoNow();
  for (const state of states) {
    const id = newId();
    await db
      .insertInto("user")
      .values({ id, email: `bench.${id}@consulta.test`, name: `Bench ${state.country_code}`, password_hash: admin.password_hash, preferred_language: "es", created_at: stamp, updated_at: stamp, disabled_at: null })
      .execute();
    await db.insertInto("membership").values({ id: newId(), user_id: id, organisation_id: state.id, role: "focal_point", created_at: stamp }).execute();
    submitters.push({ cookie: await cookieFor(db, id) });
  }
  return { consultationIds, submitters, adminCookie: await cookieFor(db, admin.id) };
}

/** A request as the load generator sends it. */
export interface BenchRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RequestSource {
  next(): BenchRequest;
}

/** What the answering page posts to submit: the full answer, a little different each time. */
export function submissionBody(index: number): string {
  const answers = { ...BENCH_ANSWERS, additional_comments: `Submission ${index}` };
  return JSON.stringify({ intent: "submit", answers, revision: 0, page: 7, attribution: "attributable" });
}

/**
 * First submissions of a full capacity-needs answer, each by another State or for another
 * consultation, so that every one is accepted: the real submission path, never a conflict.
 */
export function submissions(workload: Workload, origin: string): RequestSource {
  const total = workload.consultationIds.length * workload.submitters.length;
  let index = 0;
  return {
    next() {
      if (index >= total) throw new Error("The bench ran out of (consultation, State) pairs: prepare more consultations");
      const submitter = workload.submitters[index % workload.submitters.length] as Submitter;
      const consultationId = workload.consultationIds[Math.floor(index / workload.submitters.length)] as string;
      index += 1;
      return {
        method: "POST",
        path: `/consultations/${consultationId}/answers`,
        headers: { Cookie: submitter.cookie, Origin: origin, "Content-Type": "application/json", "Accept-Language": "es" },
        body: submissionBody(index),
      };
    },
  };
}

/** A page read in turn by every State's focal point, or by the secretariat, round the consultations. */
function pages(workload: Workload, path: (consultationId: string) => string, cookies: string[]): RequestSource {
  let index = 0;
  return {
    next() {
      const consultationId = workload.consultationIds[index % workload.consultationIds.length] as string;
      const cookie = cookies[index % cookies.length] as string;
      index += 1;
      return { method: "GET", path: path(consultationId), headers: { Cookie: cookie, "Accept-Language": "es" } };
    },
  };
}

/** The answering page a focal point opens: the consultation, their State's answers and the survey. */
export function consultationPages(workload: Workload): RequestSource {
  return pages(workload, (id) => `/consultations/${id}/answer`, workload.submitters.map((submitter) => submitter.cookie));
}

/** The secretariat's consultation page: every State's progress, counted over the responses. */
export function progressPages(workload: Workload): RequestSource {
  return pages(workload, (id) => `/consultations/${id}`, [workload.adminCookie]);
}
