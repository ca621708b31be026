import { useCallback, useEffect, useState } from "react";
import { fetchWithTimeout } from "./fetch-with-timeout.ts";

export interface SurveyDefinitionState {
  definition: object | null;
  failed: boolean;
  retry: () => void;
}

/**
 * The survey version's definition, fetched once the page is interactive (the survey only renders
 * then); the browser keeps it, since a version never changes. A request that fails or gets no
 * answer in time shows the page's "try again".
 */
export function useSurveyDefinition(url: string, enabled: boolean): SurveyDefinitionState {
  const [definition, setDefinition] = useState<object | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setFailed(false);
    fetchWithTimeout(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(({ ok, status, json }) => {
        if (!ok) throw new Error(`${status}`);
        if (!json || typeof json !== "object") throw new Error("not a survey");
        if (current) setDefinition(json);
      })
      .catch(() => {
        if (current) setFailed(true);
      });
    return () => {
      current = false;
    };
  }, [url, enabled, attempt]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  return { definition, failed, retry };
}
