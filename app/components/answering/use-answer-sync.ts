import { useCallback, useEffect, useRef, useState } from "react";
import type { ConflictView, NewsView } from "#app/features/responses/views.ts";
import type { ResponseStatus } from "#db/schema.ts";
import { fetchWithTimeout } from "./fetch-with-timeout.ts";

export type { ResponseStatus };
export type Answers = Record<string, unknown>;

export interface StoredState {
  answers: Answers;
  page: number;
  status: ResponseStatus;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface AnswerProblem {
  name: string;
  title: string;
  message: string;
}

/** What someone else changed, and a question changed on both sides, as the server words them. */
export type News = NewsView;
export type DisputedQuestion = ConflictView;

/** A save the server could not merge by itself, until the person chooses. */
export interface Conflict {
  current: StoredState;
  /** Every change merged, each disputed answer as stored. */
  merged: Answers;
  conflicts: DisputedQuestion[];
  news: News[];
}

export type Choice = "mine" | "theirs";
/** "unavailable": the server could not store the answers for now (503), kept on the device and sent again. */
export type SyncState = "saved" | "saving" | "pending" | "local" | "unavailable" | "conflict" | "closed";

interface LocalCopy {
  answers: Answers;
  page: number;
  baseRevision: number;
  synced: boolean;
  /** The copy of the page that saved them, so that its saves are recognised after a reload. */
  clientId?: string;
  at: number;
}

const SAVE_DELAY_MS = 1_500;
const RETRY_MS = 10_000;

function readLocal(key: string): LocalCopy | null {
  try {
    const text = window.localStorage.getItem(key);
    return text ? (JSON.parse(text) as LocalCopy) : null;
  } catch {
    return null;
  }
}

function writeLocal(key: string, copy: LocalCopy) {
  try {
    window.localStorage.setItem(key, JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the server copy still holds every acknowledged save.
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A random name for this copy of the page (crypto.randomUUID needs https; this does not). */
function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The answers on the screen after a merged save: answers typed since the save was sent stay as
 * typed (the next save merges them); the others take what the server stored.
 */
function afterMerge(stored: Answers, sent: Answers, onScreen: Answers): Answers {
  const next: Answers = {};
  for (const key of new Set([...Object.keys(stored), ...Object.keys(sent), ...Object.keys(onScreen)])) {
    const value = same(onScreen[key], sent[key]) ? stored[key] : onScreen[key];
    if (value !== undefined) next[key] = value;
  }
  return next;
}

/**
 * Keeps the answers of one response in step with the server: every change is written to the
 * browser's storage at once and saved to the server after a pause; a lost connection is retried.
 * A save based on an older revision is merged by the server with what others saved meanwhile
 * (their answers are put into the form, and the page says who changed what); only questions
 * changed on both sides come back as a conflict, resolved question by question.
 */
export function useAnswerSync({ endpoint, storageKey, server, news: arrivalNews }: { endpoint: string; storageKey: string; server: StoredState; news: News[] }) {
  const [revision, setRevision] = useState(server.revision);
  const [status, setStatusState] = useState(server.status);
  /** The status as of now, for callbacks made before the next render. */
  const statusRef = useRef(server.status);
  const setStatus = useCallback((next: ResponseStatus) => {
    statusRef.current = next;
    setStatusState(next);
  }, []);
  const [sync, setSync] = useState<SyncState>("saved");
  const [savedAt, setSavedAt] = useState<string | null>(server.revision > 0 ? server.updatedAt : null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  /** What others changed since this person's last save: from the page as it arrived, then from merged saves. */
  const [news, setNews] = useState<{ items: News[]; review: boolean } | null>(arrivalNews.length ? { items: arrivalNews, review: false } : null);
  const [problems, setProblems] = useState<AnswerProblem[] | null>(null);
  /** Answers loaded into a new form (a conflict resolved, answers taken up from the device). */
  const [loaded, setLoaded] = useState<{ answers: Answers; page: number; key: number }>({ answers: server.answers, page: server.page, key: 0 });
  /** Answers others saved, put into the form as it is, without disturbing the question being typed in. */
  const [patch, setPatch] = useState<{ answers: Answers; key: number }>({ answers: server.answers, key: 0 });
  const latest = useRef<{ answers: Answers; page: number }>({ answers: server.answers, page: server.page });
  const revisionRef = useRef(server.revision);
  const clientId = useRef<string>("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  /** Whether the problems shown came from a draft save (cleared by the next save) or a submission. */
  const problemsFrom = useRef<"save" | "submit">("save");

  const local = useCallback(
    (answers: Answers, synced: boolean) => writeLocal(storageKey, { answers, page: latest.current.page, baseRevision: revisionRef.current, synced, clientId: clientId.current, at: Date.now() }),
    [storageKey],
  );

  const post = useCallback(
    async (body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> } | null> => {
      try {
        // Not answered within REQUEST_TIMEOUT_MS: given up like a lost connection, and sent again.
        const response = await fetchWithTimeout(endpoint, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(body),
          credentials: "same-origin",
        });
        return { status: response.status, json: response.json as Record<string, unknown> };
      } catch {
        return null;
      }
    },
    [endpoint],
  );

  const setRevisionBoth = useCallback((next: number) => {
    revisionRef.current = next;
    setRevision(next);
  }, []);

  /** Answers loaded into the form from outside, to be saved (or not) from there. */
  const load = useCallback((answers: Answers) => {
    latest.current = { answers, page: latest.current.page };
    setLoaded((previous) => ({ answers, page: latest.current.page, key: previous.key + 1 }));
  }, []);

  const save = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSync("saving");
    const { answers, page } = latest.current;
    const result = await post({ intent: "save", answers, page, revision: revisionRef.current, client: clientId.current });
    inFlight.current = false;
    if (!result) {
      // The page was left while this save was under way: the device keeps the answers for next time.
      if (!mounted.current) return;
      setSync("local");
      timer.current = setTimeout(() => void save(), RETRY_MS);
      return;
    }
    if (result.status === 200) {
      setRevisionBoth(Number(result.json.revision));
      // A submission whose answer was lost, found stored when the same answers were saved again.
      if (result.json.status === "submitted") setStatus("submitted");
      setSavedAt(String(result.json.updatedAt));
      if (problemsFrom.current === "save") setProblems(null);
      const merged = result.json.merged as { answers: Answers; news: News[] } | undefined;
      let stored = answers;
      if (merged) {
        stored = merged.answers;
        latest.current = { answers: afterMerge(stored, answers, latest.current.answers), page: latest.current.page };
        setPatch((previous) => ({ answers: latest.current.answers, key: previous.key + 1 }));
        if (merged.news.length) setNews({ items: merged.news, review: false });
      }
      // Answers typed or a page turned while this save was under way (their own save, finding this
      // one under way, did not go) stay marked unsaved, and are saved next: the page too, so that
      // a fresh load opens at the page the person is on.
      const caughtUp = same(latest.current.answers, stored) && latest.current.page === page;
      local(latest.current.answers, caughtUp);
      if (!caughtUp) void save();
      else setSync("saved");
      return;
    }
    if (result.status === 409 && result.json.reason === "conflict") {
      // Typed while this save was under way: the conflict is worked out again with those answers.
      if (!same(latest.current.answers, answers)) return void save();
      setConflict(result.json as unknown as Conflict);
      setSync("conflict");
      return;
    }
    if (result.status === 422) {
      problemsFrom.current = "save";
      setProblems(result.json.problems as AnswerProblem[]);
      setSync("local");
      return;
    }
    if (result.status === 423) {
      setSync("closed");
      return;
    }
    setSync(result.status === 503 ? "unavailable" : "local");
    // A failure on the server's side (its database full, read-only or busy) passes: send again.
    if (result.status >= 500 && mounted.current) timer.current = setTimeout(() => void save(), RETRY_MS);
  }, [local, post, setRevisionBoth, setStatus]);

  const change = useCallback(
    (answers: Answers, page: number) => {
      if (same(answers, latest.current.answers) && page === latest.current.page) return;
      latest.current = { answers, page };
      // A submitted answer is only read (its pages turned): there is nothing to save until it is reopened.
      if (statusRef.current === "submitted") return;
      local(answers, false);
      if (conflict) return;
      setSync("pending");
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [conflict, local, save],
  );

  // On arrival: answers left in this browser and never saved are taken up again and saved from
  // the revision they were based on (the server merges them with what was saved since).
  useEffect(() => {
    const copy = readLocal(storageKey);
    clientId.current = copy && !copy.synced && copy.clientId ? copy.clientId : newClientId();
    if (!copy || copy.synced || same(copy.answers, server.answers)) return;
    revisionRef.current = copy.baseRevision;
    latest.current = { answers: copy.answers, page: copy.page };
    setLoaded({ answers: copy.answers, page: copy.page, key: 1 });
    setSync("pending");
    timer.current = setTimeout(() => void save(), 0);
    // Only once, for the answers the page arrived with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const online = () => {
      if (sync === "local") void save();
    };
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [save, sync]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  /**
   * Takes the merged answers with the person's choice for each disputed question (or, with
   * "discard", the answers as stored). A submitted answer is reopened first: the amendment holds
   * the person's changes, and the submitted answer still counts until it is submitted again.
   */
  const resolve = useCallback(
    async (choices: Record<string, Choice> | "discard") => {
      if (!conflict) return;
      const answers: Answers = { ...(choices === "discard" ? conflict.current.answers : conflict.merged) };
      if (choices !== "discard") {
        for (const question of conflict.conflicts) {
          const value = choices[question.name] === "mine" ? question.mine : question.theirs;
          if (value === undefined || value === null) delete answers[question.name];
          else answers[question.name] = value;
        }
      }
      const keep = !same(answers, conflict.current.answers);
      let { revision: base, status: stored } = conflict.current;
      if (keep && stored === "submitted") {
        const reopened = await post({ intent: "reopen" });
        if (!reopened || reopened.status === 423) {
          setSync(reopened ? "closed" : "local");
          return;
        }
        // Reopened now, or meanwhile by someone else: the save below is then merged with that.
        if (reopened.status === 200) base = Number(reopened.json.revision);
        stored = "amending";
      }
      setRevisionBoth(base);
      setStatus(stored);
      load(answers);
      setConflict(null);
      setNews(null);
      local(answers, !keep);
      if (keep) void save();
      else setSync("saved");
    },
    [conflict, load, local, post, save, setRevisionBoth, setStatus],
  );

  const submit = useCallback(
    async (answers: Answers, attribution: string) => {
      if (timer.current) clearTimeout(timer.current);
      // A save under way would make this submission look like a conflict with oneself: let it land.
      while (inFlight.current) await new Promise((resolve) => setTimeout(resolve, 50));
      latest.current = { answers, page: latest.current.page };
      const result = await post({ intent: "submit", answers, page: latest.current.page, revision: revisionRef.current, attribution, client: clientId.current });
      if (!result) {
        setSync("local");
        if (mounted.current) timer.current = setTimeout(() => void save(), RETRY_MS);
        return false;
      }
      if (result.status === 200) {
        setRevisionBoth(Number(result.json.revision));
        setStatus("submitted");
        problemsFrom.current = "save";
        setProblems(null);
        local(answers, true);
        setSync("saved");
        return true;
      }
      if (result.status === 409 && result.json.reason === "conflict") {
        const found = result.json as unknown as Conflict;
        if (found.conflicts.length === 0 && found.current.status !== "submitted") {
          // Others saved meanwhile, other questions: their answers join these, to be read before submitting.
          setRevisionBoth(found.current.revision);
          load(found.merged);
          setNews({ items: found.news, review: true });
          timer.current = setTimeout(() => void save(), 0);
        } else {
          setConflict(found);
          setSync("conflict");
        }
      } else if (result.status === 423) {
        setSync("closed");
      } else {
        // Refused as incomplete (422) or otherwise: the answers are still saved as a draft.
        if (result.status === 422) {
          problemsFrom.current = "submit";
          setProblems(result.json.problems as AnswerProblem[]);
        }
        timer.current = setTimeout(() => void save(), 0);
      }
      return false;
    },
    [load, local, post, save, setRevisionBoth, setStatus],
  );

  const reopen = useCallback(async () => {
    const result = await post({ intent: "reopen" });
    if (result?.status === 200) {
      setRevisionBoth(Number(result.json.revision));
      // The form stays as it is on the screen, on the page being read; it only becomes editable.
      setStatus("amending");
    }
  }, [post, setRevisionBoth, setStatus]);

  const dismissNews = useCallback(() => setNews(null), []);

  return { revision, status, sync, savedAt, conflict, news, problems, loaded, patch, change, resolve, submit, reopen, dismissNews };
}
