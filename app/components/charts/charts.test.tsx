import { Resvg } from "@resvg/resvg-js";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { chartFontOptions } from "#app/features/charts/png.ts";
import { translator } from "#app/i18n/i18n.ts";
import { BarChart, BarChartSvg, BeforeAfterChart, BeforeAfterChartSvg, chartWords, DistributionChart, DistributionChartSvg, HeatMap, HeatMapSvg } from "./index.ts";
import { CHART_WIDTH } from "./geometry.ts";

const words = { noData: "Aucune donnée à afficher pour cette sélection.", showNumbers: "Les chiffres sous forme de tableau" };
const OBJECTIVE_2 = "Réduire au minimum les facteurs négatifs et structurels qui poussent des personnes à quitter leur pays d’origine";
const HOSTILE = `<script>alert("x")</script> & <img src=x onerror=alert(1)> ${"Ж".repeat(300)} ${"W".repeat(200)}`;

function markup(element: ReactElement): string {
  return renderToStaticMarkup(element);
}

function marks(html: string): number {
  return html.match(/class="[^"]*\bchart-mark\b[^"]*"/g)?.length ?? 0;
}

function svgOf(html: string): string {
  const svg = html.match(/<svg[\s\S]*<\/svg>/)?.[0];
  if (!svg) throw new Error("no SVG in the markup");
  return svg;
}

/** Parsed by resvg (an XML parser): a broken SVG throws; the box of everything drawn, text included. */
function drawnBox(svg: string) {
  const box = new Resvg(svg, { font: chartFontOptions() }).getBBox();
  if (!box) throw new Error("nothing drawn");
  return box;
}

/** Every line of text in the SVG (the tspans of the labels, the other texts). */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<(?:tspan|text)\b[^>]*>([^<]+)</g)].map((match) => match[1]!);
}

function expectAccessible(html: string, id: string, title: string, description: string) {
  expect(html).toContain(`role="img"`);
  expect(html).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
  expect(html).toContain(`<title id="${id}-title">${title}</title>`);
  expect(html).toContain(`<desc id="${id}-desc">${description}</desc>`);
  expect(html).toMatch(/<details class="chart-numbers"><summary>Les chiffres sous forme de tableau<\/summary><div class="table-wrap"><table class="chart-table"><caption>/);
}

const barProps = {
  id: "objectives",
  language: "fr",
  title: "Objectifs du PMM prioritaires",
  description: "Nombre d’organisations qui ont classé l’objectif parmi leurs priorités",
  words,
  unit: "count" as const,
  categoryHeader: "Objectif",
  valueHeader: "Organisations",
  data: [
    { key: "gcm-02", label: OBJECTIVE_2, value: 12_345 },
    { key: "gcm-08", label: "Sauver des vies et mener des efforts internationaux coordonnés", value: 7 },
    { key: "gcm-23", label: "Coopération internationale", value: 0 },
  ],
};

describe("chartWords", () => {
  it("gives the shared words in the reader's language", () => {
    expect(chartWords(translator("fr"))).toEqual(words);
    expect(chartWords(translator("es")).noData).toBe("No hay datos que mostrar para esta selección.");
  });
});

describe("BarChart", () => {
  it("renders on the server as one described image with a bar per category and its numbers in a table", () => {
    const html = markup(<BarChart {...barProps} />);
    expectAccessible(html, "objectives", barProps.title, barProps.description);
    expect(marks(html)).toBe(3);
    expect(html).toContain(`<th scope="row">${OBJECTIVE_2}</th>`);
    expect(html).toContain(`<td class="numeric">12\u202f345</td>`);
    expect(html).toContain(`viewBox="0 0 ${CHART_WIDTH} `);
    expect(html).toContain(`width="100%"`);
  });

  it("writes Spanish labels and numbers in Spanish", () => {
    const html = markup(<BarChart {...barProps} language="es" data={[{ key: "c", label: "Creación de capacidades: ¿qué apoyo?", value: 12_345 }]} />);
    expect(html).toContain("Creación de capacidades: ¿qué apoyo?");
    expect(html).toContain(`<td class="numeric">12.345</td>`);
  });

  it("shows percentages in the reader's style", () => {
    const html = markup(<BarChart {...barProps} unit="percent" data={[{ key: "af", label: "Afrique", value: 0.425 }]} />);
    // CLDR's French percent: a no-break space before the sign, never a line break.
    expect(html).toContain(`<td class="numeric">42,5\u00a0%</td>`);
    expect(svgTexts(svgOf(html))).toContain("100\u00a0%");
  });

  it("draws the value axis as visx places it: a mark and a label in the reader's style under each round value, on the scale of the bars", () => {
    const svg = markup(<BarChartSvg {...barProps} data={[{ key: "a", label: "A", value: 12_345 }]} />);
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+">([^<]+)<\/text>/g)].map((match) => ({ x: Number(match[1]), label: match[2] }));
    // The bar's own value is the first text of that shape; the ticks follow.
    const ticks = labels.slice(1);
    expect(ticks.map((tick) => tick.label)).toEqual(["0", "2\u202f000", "4\u202f000", "6\u202f000", "8\u202f000", "10\u202f000", "12\u202f000"]);
    const path = svg.match(/<path d="([^"]+)"/)?.[1] ?? "";
    const tickMarks = [...path.matchAll(/M([\d.]+),0V4/g)].map((match) => Number(match[1]));
    expect(tickMarks).toEqual(ticks.map((tick) => tick.x));
    // The bar ends where its value falls on the axis.
    const bar = svg.match(/class="chart-mark" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/);
    const [zero, twelve] = [tickMarks[0]!, tickMarks[6]!];
    expect(Number(bar?.[1]) + Number(bar?.[2])).toBeCloseTo(zero + ((twelve - zero) * 12_345) / 12_000, 0);
  });

  it("draws the same SVG for the same data", () => {
    expect(markup(<BarChartSvg {...barProps} />)).toBe(markup(<BarChartSvg {...barProps} />));
  });

  it("draws a negative value leftwards from zero, never as a bar of negative width", () => {
    const svg = markup(<BarChartSvg {...barProps} data={[{ key: "a", label: "Solde", value: -3 }, { key: "b", label: "Autre", value: 5 }]} />);
    const widths = [...svg.matchAll(/class="chart-mark" x="(-?[\d.]+)" y="[\d.]+" width="(-?[\d.]+)"/g)].map((match): [number, number] => [Number(match[1]), Number(match[2])]);
    expect(widths).toHaveLength(2);
    for (const [x, width] of widths) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(width).toBeGreaterThan(0);
    }
    expect(widths[0]![0]).toBeLessThan(widths[1]![0]);
  });

  it("says there is no data instead of drawing an empty chart", () => {
    const html = markup(<BarChart {...barProps} data={[]} />);
    expect(html).toContain(words.noData);
    expect(html).not.toContain("<svg");
    expect(html).not.toContain("<table");
    expect(html).toContain(`<figcaption class="chart-caption">${barProps.title}</figcaption>`);
  });
});

describe("DistributionChart", () => {
  const props = {
    id: "ratings",
    language: "fr",
    title: "Notes des besoins",
    description: "Part des réponses par note, de 1 (faible) à 5 (élevé)",
    words,
    rowHeader: "Question",
    series: [1, 2, 3, 4, 5].map((rating) => ({ key: String(rating), label: `Note ${rating}` })),
    rows: [
      { key: "q1", label: "Données fiables et ventilées", counts: [1, 0, 2, 3, 4] },
      { key: "q2", label: "Voies de migration régulière", counts: [0, 0, 0, 0, 0] },
      { key: "q3", label: "Réintégration durable", counts: [5, 5, 0, 0, 0] },
    ],
  };

  it("draws one segment per answered option, and a legend naming every option", () => {
    const html = markup(<DistributionChart {...props} />);
    expectAccessible(html, "ratings", props.title, props.description);
    expect(marks(html)).toBe(4 + 0 + 2);
    for (const rating of [1, 2, 3, 4, 5]) expect(svgTexts(svgOf(html))).toContain(`Note ${rating}`);
    expect(html).toContain(`<th scope="row">Voies de migration régulière</th><td class="numeric">0</td>`);
  });

  it("gives each option its own colour, the same in every row", () => {
    const svg = markup(<DistributionChartSvg {...props} />);
    const fills = [...svg.matchAll(/class="chart-mark"[^>]*fill="([^"]+)"/g)].map((match) => match[1]);
    // Six segments of five options: only option 1, answered in two rows, repeats its colour.
    expect(fills).toHaveLength(6);
    expect(new Set(fills).size).toBe(5);
  });

  it("says there is no data when no row has an answer", () => {
    const html = markup(<DistributionChart {...props} rows={props.rows.map((row) => ({ ...row, counts: [0, 0, 0, 0, 0] }))} />);
    expect(html).toContain(words.noData);
    expect(html).not.toContain("<svg");
  });
});

describe("HeatMap", () => {
  const props = {
    id: "objectives-regions",
    language: "es",
    title: "Objetivos por región",
    description: "Número de organizaciones por objetivo y región",
    words: { noData: "No hay datos que mostrar para esta selección.", showNumbers: "Las cifras en un cuadro" },
    unit: "count" as const,
    rowHeader: "Objetivo",
    rows: [
      { key: "gcm-01", label: "Recopilar y utilizar datos exactos y desglosados" },
      { key: "gcm-16", label: "Empoderar a los migrantes y las sociedades para lograr la plena inclusión y la cohesión social" },
    ],
    columns: ["África", "Américas", "Asia", "Europa", "Oceanía"].map((label) => ({ key: label, label })),
    values: [
      [1, 2, 3, 4, 5],
      [0, 10, null, 2, 7],
    ],
  };

  it("draws a cell per row and column, values printed, absent ones a dash in the table", () => {
    const html = markup(<HeatMap {...props} />);
    expect(html).toContain(`role="img"`);
    expect(html).toContain(`<title id="objectives-regions-title">Objetivos por región</title>`);
    expect(marks(html)).toBe(10);
    expect(svgTexts(svgOf(html))).toEqual(expect.arrayContaining(["África", "Oceanía", "10", "7"]));
    expect(html).toContain(`<td class="numeric">0</td><td class="numeric">10</td><td class="numeric">–</td>`);
  });

  it("says there is no data without rows or columns", () => {
    expect(markup(<HeatMap {...props} rows={[]} values={[]} />)).toContain(props.words.noData);
    expect(markup(<HeatMap {...props} columns={[]} />)).not.toContain("<svg");
  });

  it("draws the same SVG for the same data", () => {
    expect(markup(<HeatMapSvg {...props} />)).toBe(markup(<HeatMapSvg {...props} />));
  });
});

describe("BeforeAfterChart", () => {
  const props = {
    id: "follow-up",
    language: "fr",
    title: "Priorités avant et après",
    description: "Note moyenne de priorité des États qui ont répondu aux deux questionnaires",
    words,
    unit: "count" as const,
    beforeLabel: "Besoins en capacités",
    afterLabel: "Suivi",
    categoryHeader: "Objectif",
    data: [
      { key: "gcm-01", label: "Données", before: 2, after: 4 },
      { key: "gcm-02", label: "Facteurs négatifs", before: 3, after: null },
      { key: "gcm-03", label: "Informations", before: 5, after: 1 },
    ],
  };

  it("draws a mark for every value there is and both values in the table", () => {
    const html = markup(<BeforeAfterChart {...props} />);
    expectAccessible(html, "follow-up", props.title, props.description);
    // Five values, and the two marks of the legend.
    expect(marks(html)).toBe(5 + 2);
    expect(html).toContain(`<th scope="col" class="numeric">Besoins en capacités</th><th scope="col" class="numeric">Suivi</th>`);
    expect(html).toContain(`<th scope="row">Facteurs négatifs</th><td class="numeric">3</td><td class="numeric">–</td>`);
  });

  it("places a negative value (a fall) on the axis, inside the picture", () => {
    const svg = markup(<BeforeAfterChartSvg {...props} data={[{ key: "k", label: "Écart", before: -2, after: 3 }]} />);
    expect(svgTexts(svg)).toContain("-2");
    expect(marks(svg)).toBe(2 + 2);
    const box = drawnBox(svg);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(CHART_WIDTH);
  });

  it("says there is no data when no category has a value", () => {
    const html = markup(<BeforeAfterChart {...props} data={props.data.map((datum) => ({ ...datum, before: null, after: null }))} />);
    expect(html).toContain(words.noData);
    expect(html).not.toContain("<svg");
  });

  it("draws the same SVG for the same data", () => {
    expect(markup(<BeforeAfterChartSvg {...props} />)).toBe(markup(<BeforeAfterChartSvg {...props} />));
  });
});

describe("hostile labels", () => {
  const charts: [string, ReactElement][] = [
    ["bar", <BarChart key="bar" {...barProps} title={HOSTILE} description={HOSTILE} data={[{ key: HOSTILE, label: HOSTILE, value: 3 }]} valueHeader={HOSTILE} />],
    [
      "distribution",
      <DistributionChart key="distribution" id="d" language="fr" title={HOSTILE} description="d" words={words} rowHeader="q" series={[{ key: "a", label: HOSTILE }]} rows={[{ key: "r", label: HOSTILE, counts: [2] }]} />,
    ],
    [
      "heat map",
      <HeatMap key="heat" id="h" language="fr" title="t" description="d" words={words} unit="count" rowHeader={HOSTILE} rows={[{ key: "r", label: HOSTILE }]} columns={[{ key: "c", label: HOSTILE }]} values={[[1]]} />,
    ],
    [
      "before/after",
      <BeforeAfterChart key="ba" id="b" language="fr" title="t" description="d" words={words} unit="count" beforeLabel={HOSTILE} afterLabel={HOSTILE} categoryHeader="c" data={[{ key: "k", label: HOSTILE, before: 1, after: 2 }]} />,
    ],
  ];

  for (const [name, element] of charts) {
    it(`${name}: script and markup in labels stay text, and words of 200 and 300 wide letters stay inside the picture`, () => {
      const html = markup(element);
      expect(html).not.toMatch(/<script|<img/);
      expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
      const svg = svgOf(html);
      const box = drawnBox(svg);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(CHART_WIDTH);
      const drawn = svgTexts(svg).join("\n");
      expect(drawn).not.toContain("Ж".repeat(40));
      expect(drawn).not.toContain("W".repeat(40));
      // The full label is still there for everyone, in the table.
      expect(html).toContain("Ж".repeat(300));
    });
  }
});
