import { useCallback, useEffect, useState } from "react";

export interface SurveyDefinitionState {
  definition: object | null;
  failed: boolean;
  retry: () => void;
}

/**
 * The survey version's definition, fetched once the page is interactive (the survey only renders
 * then); the browser keeps it, since a version never changes.
 */
export function useSurveyDefinition(url: string, enabled: boolean): SurveyDefinitionState {
  const [definition, setDefinition] = useState<object | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setFailed(false);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status}`);
        const body: unknown = await response.json();
        if (!body || typeof body !== "object") throw new Error("not a survey");
        if (current) setDefinition(body);
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
