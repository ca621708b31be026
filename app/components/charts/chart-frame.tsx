import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { CHART_WIDTH, FONT_FAMILY, FONT_SIZE, INK } from "./geometry.ts";

/** The words every chart needs besides its own, in the page's language (`chartWords(t)`). */
export interface ChartWords {
  /** Said instead of a chart when there is nothing to draw. */
  noData: string;
  /** The summary of the disclosure that holds the chart's table. */
  showNumbers: string;
}

/** The shared words from the catalogues; the DOCX writer, outside React, passes its own `t` too. */
export function chartWords(t: TFunction): ChartWords {
  return { noData: t("charts.noData"), showNumbers: t("charts.showNumbers") };
}

/** What every chart is given: a page-unique id, the page's language, its title and description, and the shared words. */
export interface ChartBaseProps {
  /** Unique on the page; the ids of the title, description and table derive from it. */
  id: string;
  /** A BCP 47 tag ("en", "fr", "es"): numbers are formatted in it. */
  language: string;
  title: string;
  /** What the chart shows and how its figures are defined, read by screen readers and printed under it. */
  description: string;
  words: ChartWords;
}

/**
 * The SVG of a chart, standalone (with its namespace, so that it can be written to a file or turned
 * into a PNG) and accessible: one image named by its title and described by its description.
 */
export function ChartSvg({ id, title, description, height, children }: { id: string; title: string; description: string; height: number; children: ReactNode }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width="100%"
      className="chart-svg"
      fontFamily={FONT_FAMILY}
      fontSize={FONT_SIZE}
      fill={INK}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <rect width={CHART_WIDTH} height={height} fill="#ffffff" />
      {children}
    </svg>
  );
}

/**
 * A chart on a page: its visible title, the SVG (or a "no data" line when there is nothing to
 * draw), and its numbers as a table in a disclosure, in the DOM whether it is open or not.
 */
export function ChartFigure({ id, title, description, words, empty, chart, table }: Omit<ChartBaseProps, "language"> & { empty: boolean; chart: ReactNode; table: ReactNode }) {
  return (
    <figure className="chart" id={id}>
      <figcaption className="chart-caption">{title}</figcaption>
      {empty ? (
        <p className="chart-empty">{words.noData}</p>
      ) : (
        <>
          {chart}
          <p className="chart-description">{description}</p>
          <details className="chart-numbers">
            <summary>{words.showNumbers}</summary>
            {table}
          </details>
        </>
      )}
    </figure>
  );
}
