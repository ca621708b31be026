import { useTranslation } from "react-i18next";
import type { News } from "./use-answer-sync.ts";

/** Who changed which answers, and whose answers they replaced. */
export function NewsList({ news }: { news: News[] }) {
  const { t } = useTranslation();
  return (
    <>
      {news.map((person, index) => {
        const name = person.by ?? t("answer.someoneElse");
        return (
          <div key={index} className="news">
            <Titles intro={person.elsewhere ? t("answer.news.changedElsewhere") : t("answer.news.changed", { name })} titles={person.changed} />
            <Titles intro={t("answer.news.replaced", { name })} titles={person.replaced} />
          </div>
        );
      })}
    </>
  );
}

function Titles({ intro, titles }: { intro: string; titles: string[] }) {
  if (titles.length === 0) return null;
  return (
    <>
      <p>{intro}</p>
      <ul>
        {titles.map((title) => (
          <li key={title}>{title}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * Answers saved by others since the reader's last save, now in the form: said when a save of the
 * reader's merged them, or when the page is opened again. After a submission that found them,
 * the reader is asked to read them and submit again.
 */
export function NewsNotice({ news, review, onDismiss }: { news: News[]; review: boolean; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="notice" role="status" aria-labelledby="news-title">
      <h2 id="news-title" className="notice__title">
        {t("answer.news.title")}
      </h2>
      <NewsList news={news} />
      {review ? <p>{t("answer.news.review")}</p> : null}
      <p>
        <button type="button" className="button button--quiet button--small" onClick={onDismiss}>
          {t("answer.news.hide")}
        </button>
      </p>
    </section>
  );
}
