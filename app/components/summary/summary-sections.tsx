import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { BarChart, chartWords, DistributionChart, HeatMap, type BarDatum, type ChartWords } from "#app/components/charts/index.ts";
import { formatValue } from "#app/components/charts/numbers.ts";
import { Table } from "#app/components/table.tsx";
import type { CounterName } from "#app/features/figures/counters.ts";
import type { ParticipationRow, QuestionFigure, Summary } from "#app/features/figures/summary.ts";
import type { WrittenQuestionAnswers } from "#app/features/figures/written-answers.ts";

/** A value's label as the question offers it, else its code. */
const optionLabel = (figure: QuestionFigure, value: string): string => figure.options.find((option) => option.key === value)?.label ?? value;

/** How many objectives the "top objectives" chart shows; the heat map and its table have them all. */
const TOP_OBJECTIVES = 10;

/** The counters a section shows, each with the sentence that defines it (docs/decisions/0025). */
function Definitions({ counters }: { counters: readonly CounterName[] }) {
  const { t } = useTranslation();
  return (
    <dl className="definitions">
      {counters.map((counter) => (
        <div key={counter}>
          <dt>{t(`figures.counters.${counter}.label`)}</dt>
          <dd>{t(`figures.counters.${counter}.definition`)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, counters, children }: { id: string; title: string; counters: readonly CounterName[]; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="summary-section">
      <h2 id={id}>{title}</h2>
      <Definitions counters={counters} />
      {children}
    </section>
  );
}

function ParticipationChart({ id, title, rows, rowHeader, language }: { id: string; title: string; rows: ParticipationRow[]; rowHeader: string; language: string }) {
  const { t } = useTranslation();
  return (
    <DistributionChart
      id={id}
      language={language}
      title={title}
      description={t("summary.participation.description")}
      words={chartWords(t)}
      rowHeader={rowHeader}
      series={[
        { key: "submitted", label: t("figures.counters.submitted.label") },
        { key: "pending", label: t("summary.participation.notSubmitted") },
      ]}
      rows={rows.map((row) => ({ key: row.key, label: row.label, counts: [row.counts.submitted, row.counts.audience - row.counts.submitted] }))}
    />
  );
}

function ParticipationSection({ summary, language }: { summary: Summary; language: string }) {
  const { t } = useTranslation();
  const { audience, submitted, rate } = summary.participation;
  return (
    <Section id="participation" title={t("summary.participation.title")} counters={["audience", "submitted", "responseRate"]}>
      <p role="status">{t("summary.participation.total", { count: audience, submitted, rate: rate === null ? "—" : formatValue(rate, language, "percent") })}</p>
      <ParticipationChart id="participation-type" title={t("summary.participation.byType")} rows={summary.byType} rowHeader={t("organisations.type")} language={language} />
      <ParticipationChart id="participation-region" title={t("summary.participation.byRegion")} rows={summary.byRegion} rowHeader={t("organisations.region")} language={language} />
    </Section>
  );
}

/** A bar chart of counts with its shared words. */
function CountChart({ id, title, description, data, categoryHeader, valueHeader, language }: { id: string; title: string; description: string; data: BarDatum[]; categoryHeader: string; valueHeader: string; language: string }) {
  const { t } = useTranslation();
  return <BarChart id={id} language={language} title={title} description={description} words={chartWords(t)} data={data} unit="count" categoryHeader={categoryHeader} valueHeader={valueHeader} />;
}

function NeedsSections({ summary, language }: { summary: Summary; language: string }) {
  const { t } = useTranslation();
  const objective = t("summary.objective");
  const needs = t("figures.counters.priorityNeeds.label");
  return (
    <>
      <Section id="objectives" title={t("summary.objectives.title")} counters={["priorityNeeds", "firstPriority", "meanPriorityRank"]}>
        <CountChart
          id="objectives-chart"
          title={t("summary.objectives.chart", { count: Math.min(TOP_OBJECTIVES, summary.objectives.length) })}
          description={t("figures.counters.priorityNeeds.definition")}
          data={summary.objectives.slice(0, TOP_OBJECTIVES).map((row) => ({ key: row.objective, label: row.label, value: row.needs }))}
          categoryHeader={objective}
          valueHeader={needs}
          language={language}
        />
        {summary.objectives.length ? (
          <Table
            rows={summary.objectives}
            rowKey={(row) => row.objective}
            columns={[
              { header: objective, cell: (row) => row.label },
              { header: needs, cell: (row) => formatValue(row.needs, language, "count"), numeric: true },
              { header: t("figures.counters.firstPriority.label"), cell: (row) => formatValue(row.first, language, "count"), numeric: true },
              { header: t("figures.counters.meanPriorityRank.label"), cell: (row) => formatValue(row.meanRank, language, "count"), numeric: true },
            ]}
          />
        ) : null}
      </Section>
      <Section id="objectives-regions" title={t("summary.heatMap.title")} counters={["priorityNeeds"]}>
        <HeatMap
          id="objectives-regions-chart"
          language={language}
          title={t("summary.heatMap.title")}
          description={t("summary.heatMap.description")}
          words={chartWords(t)}
          rows={summary.heatMap.rows}
          columns={summary.heatMap.columns}
          values={summary.heatMap.values}
          unit="count"
          rowHeader={objective}
        />
      </Section>
      <Section id="capacity" title={t("summary.capacity.title")} counters={["needsByCode"]}>
        <CountChart
          id="gaps-chart"
          title={t("summary.capacity.gaps")}
          description={t("figures.counters.needsByCode.definition")}
          data={summary.gaps.map((row) => ({ key: row.key, label: row.label, value: row.needs }))}
          categoryHeader={t("summary.capacity.gap")}
          valueHeader={t("figures.counters.needsByCode.label")}
          language={language}
        />
        <CountChart
          id="modalities-chart"
          title={t("summary.capacity.modalities")}
          description={t("figures.counters.needsByCode.definition")}
          data={summary.modalities.map((row) => ({ key: row.key, label: row.label, value: row.needs }))}
          categoryHeader={t("summary.capacity.modality")}
          valueHeader={t("figures.counters.needsByCode.label")}
          language={language}
        />
      </Section>
      <Section id="governance" title={t("summary.governance.title")} counters={["choiceCount"]}>
        <CountChart
          id="governance-chart"
          title={t("summary.governance.title")}
          description={t("summary.governance.description")}
          data={summary.governanceLevels.map((row) => ({ key: row.key, label: row.label, value: row.count }))}
          categoryHeader={t("summary.governance.level")}
          valueHeader={t("figures.counters.choiceCount.label")}
          language={language}
        />
      </Section>
    </>
  );
}

/** The words every question's chart shares, looked up once per page rather than once per question. */
interface QuestionWords {
  chart: ChartWords;
  row: string;
  question: string;
  choice: string;
  choiceCount: string;
  rankMean: string;
  answered: (count: number) => string;
  mean: (mean: string) => string;
}

function questionWords(t: TFunction): QuestionWords {
  return {
    chart: chartWords(t),
    row: t("summary.questions.row"),
    question: t("summary.questions.question"),
    choice: t("summary.questions.choice"),
    choiceCount: t("figures.counters.choiceCount.label"),
    rankMean: t("figures.counters.rankMean.label"),
    answered: (count) => t("summary.questions.answered", { count }),
    mean: (mean) => t("summary.questions.mean", { mean }),
  };
}

function QuestionChart({ figure, language, words }: { figure: QuestionFigure; language: string; words: QuestionWords }) {
  const id = `question-${figure.id}`;
  const title = figure.panelTitle ? `${figure.panelTitle} – ${figure.title}` : figure.title;
  const common = { id, language, title, description: words.answered(figure.answered), words: words.chart };
  switch (figure.kind) {
    case "matrix":
      return (
        <DistributionChart
          {...common}
          rowHeader={words.row}
          series={figure.options}
          rows={figure.rows.map((row) => ({ key: row.key, label: row.label, counts: figure.options.map((option) => figure.counts.find((count) => count.row === row.key && count.value === option.key)?.count ?? 0) }))}
        />
      );
    case "rating":
      return (
        <>
          <DistributionChart
            {...common}
            rowHeader={words.question}
            series={figure.options}
            rows={[{ key: figure.id, label: figure.title, counts: figure.options.map((option) => figure.rating?.distribution.find((row) => String(row.value) === option.key)?.count ?? 0) }]}
          />
          {figure.rating?.mean != null ? <p>{words.mean(formatValue(figure.rating.mean, language, "count"))}</p> : null}
        </>
      );
    case "ranking":
      return (
        <BarChart
          {...common}
          unit="count"
          data={figure.ranking.map((choice) => ({ key: choice.value, label: `${optionLabel(figure, choice.value)} (${words.rankMean} ${formatValue(choice.meanRank, language, "count")})`, value: choice.count }))}
          categoryHeader={words.choice}
          valueHeader={words.choiceCount}
        />
      );
    default:
      return (
        <BarChart
          {...common}
          unit="count"
          data={figure.counts.map((count) => ({ key: count.value, label: optionLabel(figure, count.value), value: count.count }))}
          categoryHeader={words.choice}
          valueHeader={words.choiceCount}
        />
      );
  }
}

function QuestionsSection({ summary, language }: { summary: Summary; language: string }) {
  const { t } = useTranslation();
  const words = questionWords(t);
  return (
    <Section id="questions" title={t("summary.questions.title")} counters={["answered", "choiceCount", "choiceShare", "ratingMean", "rankMean"]}>
      {summary.questions.map((group) => (
        <section key={group.consultations.join()} aria-label={group.consultations.join(", ")}>
          <h3>{group.consultations.join(", ")}</h3>
          {group.questions.map((figure) => (
            <QuestionChart key={figure.id} figure={figure} language={language} words={words} />
          ))}
        </section>
      ))}
    </Section>
  );
}

function FreeTextSection({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const { shown, total, countOnly } = summary.freeText;
  return (
    <section aria-labelledby="free-text" className="summary-section">
      <h2 id="free-text">{t("summary.freeText.title")}</h2>
      <p>{t("summary.freeText.intro")}</p>
      <p>
        {t("summary.freeText.count", { count: total, shown: shown.length })} {countOnly ? t("summary.freeText.countOnly", { count: countOnly }) : null}
      </p>
      <ul className="plain stack">
        {shown.map((text) => (
          <li key={text.id} className="card">
            {text.title ? (
              <h3 lang={text.language ?? undefined}>{text.title}</h3>
            ) : null}
            <p lang={text.language ?? undefined}>{text.summary}</p>
            <p className="muted">
              {text.organisation ?? t("inbox.notNamed")} · {text.consultation}
            </p>
          </li>
        ))}
      </ul>
      {total > shown.length ? (
        <p>
          <Link to="/proposals">{t("summary.freeText.more")}</Link>
        </p>
      ) : null}
    </section>
  );
}

/** One question's written answers: those that may be quoted, newest first, and how many are not shown. */
function WrittenQuestion({ question, t, notNamed }: { question: WrittenQuestionAnswers; t: TFunction; notNamed: string }) {
  return (
    <section aria-labelledby={`texts-${question.id}`}>
      <h4 id={`texts-${question.id}`}>{question.panelTitle ? `${question.panelTitle} – ${question.title}` : question.title}</h4>
      <p>
        {question.total ? t("summary.texts.count", { count: question.total, shown: question.shown.length }) : null}{" "}
        {question.countOnly ? t("summary.freeText.countOnly", { count: question.countOnly }) : null}
      </p>
      {question.shown.length ? (
        <ul className="plain stack">
          {question.shown.map((answer) => (
            <li key={answer.key} className="card">
              <p lang={answer.language ?? undefined}>{answer.text}</p>
              <p className="muted">
                {answer.organisation ?? notNamed} · {answer.consultation}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function WrittenAnswersSection({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const notNamed = t("inbox.notNamed");
  return (
    <section aria-labelledby="written-answers" className="summary-section">
      <h2 id="written-answers">{t("summary.texts.title")}</h2>
      <p>{t("summary.texts.intro")}</p>
      {summary.writtenAnswers.length === 0 ? <p>{t("summary.texts.none")}</p> : null}
      {summary.writtenAnswers.map((group) => (
        <section key={group.consultations.join()} aria-label={group.consultations.join(", ")}>
          <h3>{group.consultations.join(", ")}</h3>
          {group.questions.map((question) => (
            <WrittenQuestion key={question.id} question={question} t={t} notNamed={notNamed} />
          ))}
        </section>
      ))}
    </section>
  );
}

/** Every section of a summary page, for one view. */
export function SummarySections({ summary, language }: { summary: Summary; language: string }) {
  return (
    <>
      <ParticipationSection summary={summary} language={language} />
      <NeedsSections summary={summary} language={language} />
      <QuestionsSection summary={summary} language={language} />
      <FreeTextSection summary={summary} />
      <WrittenAnswersSection summary={summary} />
    </>
  );
}
