import { useEffect, useState } from "react";
import { parseInstant } from "#app/features/dates.ts";
import { formatDateTime } from "#app/i18n/format.ts";

/** A moment in the reader's own time zone: shown after hydration, when the browser's zone is known. */
export function LocalTime({ iso, language }: { iso: string; language: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    // In the browser's own zone. A stored moment that cannot be read is shown once, in Geneva time, not twice.
    setText(parseInstant(iso) ? formatDateTime(iso, language, null) : null);
  }, [iso, language]);
  return text ? <time dateTime={iso}>{text}</time> : null;
}
