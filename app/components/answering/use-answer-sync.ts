import { useCallback, useEffect, useRef, useState } from "react";
import { fetchWithTimeout } from "./fetch-with-timeout.ts";

export type Answers = Record<string, unknown>;

export interface StoredState {
  answers: Answers;
  page: number;
  status: "draft" | "submitted";
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface AnswerProblem {
  name: string;
  title: string;
  message: string;
}

/** "unavailable": the server could not store the answers for now (503), kept on the device and sent again. */
export type SyncState = "saved" | "saving" | "pending" | "local" | "unavailable" | "conflict" | "closed";

interface LocalCopy {
  answers: Answers;
  page: number;
  baseRevision: number;
  synced: boolean;
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

/**
 * Keeps the answers of one response in step with the server: every change is written to the
 * browser's storage at once and saved to the server after a pause; a lost connection is retried,
 * and a save based on an older revision comes back as a conflict to resolve.
 */
export function useAnswerSync({ endpoint, storageKey, server }: { endpoint: string; storageKey: string; server: StoredState }) {
  const [revision, setRevision] = useState(server.revision);
  const [status, setStatusState] = useState(server.status);
  /** The status as of now, for callbacks made before the next render. */
  const statusRef = useRef(server.status);
  const setStatus = useCallback((next: StoredState["status"]) => {
    statusRef.current = next;
    setStatusState(next);
  }, []);
  const [sync, setSync] = useState<SyncState>("saved");
  const [savedAt, setSavedAt] = useState<string | null>(server.revision > 0 ? server.updatedAt : null);
  const [conflict, setConflict] = useState<{ mine: Answers; theirs: StoredState } | null>(null);
  const [problems, setProblems] = useState<AnswerProblem[] | null>(null);
  const [loaded, setLoaded] = useState<{ answers: Answers; page: number; key: number }>({ answers: server.answers, page: server.page, key: 0 });
  const latest = useRef<{ answers: Answers; page: number }>({ answers: server.answers, page: server.page });
  const revisionRef = useRef(server.revision);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  /** Whether the problems shown came from a draft save (cleared by the next save) or a submission. */
  const problemsFrom = useRef<"save" | "submit">("save");

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

  const save = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSync("saving");
    const { answers, page } = latest.current;
    const result = await post({ intent: "save", answers, page, revision: revisionRef.current });
    inFlight.current = false;
    if (!result) {
      // The page was left while this save was under way: the device keeps the answers for next time.
      if (!mounted.current) return;
      setSync("local");
      timer.current = setTimeout(() => void save(), RETRY_MS);
      return;
    }
    if (result.status === 200) {
      revisionRef.current = Number(result.json.revision);
      setRevision(revisionRef.current);
      // A submission whose answer was lost, found stored when the same answers were saved again.
      if (result.json.status === "submitted") setStatus("submitted");
      setSavedAt(String(result.json.updatedAt));
      if (problemsFrom.current === "save") setProblems(null);
      // Answers typed while this save was under way stay marked unsaved, and are saved next.
      const caughtUp = same(latest.current.answers, answers);
      writeLocal(storageKey, { ...latest.current, baseRevision: revisionRef.current, synced: caughtUp, at: Date.now() });
      if (!caughtUp) void save();
      else setSync("saved");
      return;
    }
    if (result.status === 409 && result.json.reason === "conflict") {
      const current = result.json.current as StoredState;
      setConflict({ mine: latest.current.answers, theirs: { ...current, page } });
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
  }, [post, setStatus, storageKey]);

  const change = useCallback(
    (answers: Answers, page: number) => {
      latest.current = { answers, page };
      // A submitted answer is only read (its pages turned): there is nothing to save until it is reopened.
      if (statusRef.current === "submitted") return;
      writeLocal(storageKey, { answers, page, baseRevision: revisionRef.current, synced: false, at: Date.now() });
      if (conflict) return;
      setSync("pending");
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [conflict, save, storageKey],
  );

  // On arrival: answers left in this browser and never saved are taken up again, or shown as a
  // conflict when someone saved in the meantime.
  useEffect(() => {
    const local = readLocal(storageKey);
    if (!local || local.synced || same(local.answers, server.answers)) return;
    if (local.baseRevision === server.revision) {
      latest.current = { answers: local.answers, page: local.page };
      setLoaded({ answers: local.answers, page: local.page, key: 1 });
      setSync("pending");
      timer.current = setTimeout(() => void save(), 0);
    } else {
      setConflict({ mine: local.answers, theirs: server });
      setSync("conflict");
    }
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

  const resolve = useCallback(
    async (choice: "mine" | "theirs") => {
      if (!conflict) return;
      let { revision: base, status: stored } = conflict.theirs;
      if (choice === "mine" && stored === "submitted") {
        // The stored answer was submitted meanwhile: reopen it, then save this version over it.
        const reopened = await post({ intent: "reopen" });
        if (reopened?.status === 200) {
          base = Number(reopened.json.revision);
          stored = "draft";
        }
      }
      revisionRef.current = base;
      setRevision(base);
      setStatus(stored);
      const answers = choice === "mine" ? conflict.mine : conflict.theirs.answers;
      latest.current = { answers, page: latest.current.page };
      setLoaded((previous) => ({ answers, page: latest.current.page, key: previous.key + 1 }));
      setConflict(null);
      writeLocal(storageKey, { answers, page: latest.current.page, baseRevision: revisionRef.current, synced: choice === "theirs", at: Date.now() });
      if (choice === "mine") void save();
      else setSync("saved");
    },
    [conflict, post, save, setStatus, storageKey],
  );

  const submit = useCallback(
    async (answers: Answers, attribution: string) => {
      if (timer.current) clearTimeout(timer.current);
      // A save under way would make this submission look like a conflict with oneself: let it land.
      while (inFlight.current) await new Promise((resolve) => setTimeout(resolve, 50));
      latest.current = { answers, page: latest.current.page };
      const result = await post({ intent: "submit", answers, page: latest.current.page, revision: revisionRef.current, attribution });
      if (!result) {
        setSync("local");
        if (mounted.current) timer.current = setTimeout(() => void save(), RETRY_MS);
        return false;
      }
      if (result.status === 200) {
        revisionRef.current = Number(result.json.revision);
        setRevision(revisionRef.current);
        setStatus("submitted");
        problemsFrom.current = "save";
        setProblems(null);
        writeLocal(storageKey, { answers, page: latest.current.page, baseRevision: revisionRef.current, synced: true, at: Date.now() });
        setSync("saved");
        return true;
      }
      if (result.status === 409 && result.json.reason === "conflict") {
        setConflict({ mine: answers, theirs: result.json.current as StoredState });
        setSync("conflict");
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
    [post, save, setStatus, storageKey],
  );

  const reopen = useCallback(async () => {
    const result = await post({ intent: "reopen" });
    if (result?.status === 200) {
      revisionRef.current = Number(result.json.revision);
      setRevision(revisionRef.current);
      // The form stays as it is on the screen, on the page being read; it only becomes editable.
      setStatus("draft");
    }
  }, [post, setStatus]);

  return { revision, status, sync, savedAt, conflict, problems, loaded, change, resolve, submit, reopen };
}
