import { useTranslation } from "react-i18next";
import { Detail } from "#app/components/details.tsx";
import type { DisplayItem, DisplaySection } from "#app/features/surveys/display.ts";
import type { HistoryEntry } from "#app/features/responses/history.ts";

function Items({ items }: { items: DisplayItem[] }) {
  return (
    <dl className="answers">
      {items.map((item, index) => (
        <div key={`${item.title}-${index}`}>
          <dt>{item.title}</dt>
          <dd>
            {item.entries ? (
              <ol>
                {item.entries.map((entry, entryIndex) => (
                  <li key={entryIndex}>
                    <Items items={entry} />
                  </li>
                ))}
              </ol>
            ) : item.parts ? (
              // A table's rows and a multiple text's boxes: each part under its title, a row's cells under theirs.
              <Items items={item.parts} />
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** An answer as labelled text, each page of the survey a section under its title (a third-level heading). */
export function AnswerSections({ sections }: { sections: DisplaySection[] }) {
  return (
    <>
      {sections.map((section) => (
        <section key={section.title}>
          <h3>{section.title}</h3>
          <Items items={section.items} />
        </section>
      ))}
    </>
  );
}

/** An answer's revisions, latest first: what was done, when, by whom, and which questions changed. */
export function RevisionHistory({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation();
  return (
    <ol className="history">
      {history.map((entry) => (
        <li key={entry.revision}>
          <strong>{t(`receipt.action.${entry.action}`)}</strong> – {entry.at}
          {entry.by ? ` – ${entry.by}` : null}
          {entry.byProxy ? ` (${t("receipt.byProxy")})` : null}
          {entry.changed.length ? <span className="muted"> – {entry.changed.join("; ")}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** Who submitted an answer last, and whether the secretariat entered it for the organisation; nothing when their account is gone. */
export function SubmittedBy({ name, byProxy }: { name: string | null; byProxy: boolean }) {
  const { t } = useTranslation();
  if (!name) return null;
  return (
    <Detail term={t("receipt.submittedBy")}>
      {name}
      {byProxy ? ` (${t("receipt.byProxy")})` : null}
    </Detail>
  );
}
