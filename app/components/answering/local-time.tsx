import { useEffect, useState } from "react";

/** A moment in the reader's own time zone: shown after hydration, when the browser's zone is known. */
export function LocalTime({ iso, language }: { iso: string; language: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    setText(
      new Intl.DateTimeFormat(language, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(new Date(iso)),
    );
  }, [iso, language]);
  return text ? <time dateTime={iso}>{text}</time> : null;
}
