import { filtersNote } from "#app/features/exports/filters.ts";
import type { Writable } from "node:stream";
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type FileChild } from "docx";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { BarChartSvg } from "#app/components/charts/index.ts";
import { formatValue } from "#app/components/charts/numbers.ts";
import { svgToPng } from "#app/features/charts/png.ts";
import { ContentHash, type ExportColumn } from "#app/features/exports/source.ts";
import type { ConfirmedMatch } from "#app/features/matching/matching.ts";
import { translator } from "#app/i18n/i18n.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { ANNEX_KEYS, OMISSIONS, type ReportFigure, type ReportInput, type ReportProposal } from "./report-input.ts";

/**
 * The consolidated report as a Word document (docs/decisions/0031-docx-report.md): headings in
 * Word's heading styles (the navigation pane lists them), every chart a PNG with its title and
 * description as alt text and its numbers in a table, free text exactly as written (Word runs no
 * formula, and the XML escapes markup, so a script stays text).
 */

type T = ReturnType<typeof translator>;

/** A section of the report: its paragraphs and tables, from the input alone. */
type Section = (input: ReportInput, t: T) => Promise<FileChild[]> | FileChild[];

export interface ReportOutcome {
  /** Retained proposals in the annex: the report's rows. */
  rows: number;
  /** SHA-256 (hex) of the annex, as `annexHash` defines it. */
  sha256: string;
}

/** The chart's width on the page, in pixels at 96 to the inch (6 inches: within A4's and Letter's margins). */
const IMAGE_WIDTH = 576;
/** Drawn at twice its width on the page, for print. */
const PNG_WIDTH = IMAGE_WIDTH * 2;

const HEADING_STYLES = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** A heading in Word's own style, with its outline level too, which the navigation pane and a PDF's bookmarks read. */
const heading = (text: string, depth: keyof typeof HEADING_STYLES) => new Paragraph({ text, heading: HEADING_STYLES[depth], outlineLevel: depth - 1, keepNext: true });
const text = (value: string) => new Paragraph({ children: [new TextRun(value)] });
const labelled = (label: string, value: string) => new Paragraph({ children: [new TextRun({ text: `${label} `, bold: true }), new TextRun(value)] });

function table(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const row = (cells: readonly string[], bold: boolean) =>
    new TableRow({ tableHeader: bold, children: cells.map((cell) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: cell, bold })] })] })) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(header, true), ...rows.map((cells) => row(cells, false))] });
}

function annexColumns(): ExportColumn[] {
  return ANNEX_KEYS.map((key) => ({
    key,
    headers: Object.fromEntries(LANGUAGES.map((language) => [language, translator(language)(`report.annexField.${key}`)])) as ExportColumn["headers"],
    type: "text",
    question: null,
    codes: [],
    multiple: false,
  }));
}

function annexCells(proposal: ReportProposal): (string | null)[] {
  return ANNEX_KEYS.map((key) => (key === "objectives" ? proposal.objectives.join("; ") || null : proposal[key]));
}

/**
 * The report's content hash: ADR 0027's rule (SHA-256 over JSON-array lines, the column keys then
 * each row) over the annex of retained proposals, text as written; the same for the same
 * proposals, language and profile, whenever the report is made.
 */
export function annexHash(input: ReportInput): string {
  const hash = new ContentHash(annexColumns());
  for (const proposal of input.annex) hash.line(annexCells(proposal));
  return hash.digest();
}

const titlePage: Section = (input, t) => [
  new Paragraph({ text: t(`report.title.${input.scope.kind}`, { title: input.scope.title }), heading: HeadingLevel.TITLE }),
  text(input.scope.theme),
  text(t("report.meetingLine", { place: input.scope.place, from: input.scope.startsOn, to: input.scope.endsOn })),
];

function aboutSection(hash: string): Section {
  return (input, t) => {
    return [
      heading(t("report.about"), 1),
      labelled(t("exportFile.notes.madeAt"), input.madeAt),
      labelled(t("exportFile.notes.language"), input.language),
      labelled(t("exportFile.notes.profile"), t(`exportFile.profile.${input.profile}`)),
      labelled(t("exportFile.notes.filters"), filtersNote(input.filters, input.language)),
      labelled(t("report.rows"), String(input.annex.length)),
      labelled(t("exportFile.notes.sha256"), hash),
      text(t("report.hashRule")),
    ];
  };
}

const meetingSection: Section = (input, t) => [heading(t("report.meeting"), 1), text(input.scope.meeting), text(input.scope.description)];

const methodSection: Section = (input, t) => [
  heading(t("report.method"), 1),
  text(t("report.methodIntro")),
  ...input.consultations.flatMap((consultation) => [
    heading(consultation.title, 2),
    labelled(t("report.survey"), consultation.survey),
    labelled(t("report.dates"), t("report.dateRange", { from: consultation.opensAt.slice(0, 10), to: consultation.closesAt.slice(0, 10) })),
    labelled(t("report.audience"), consultation.audience.join(", ")),
  ]),
];

const participationSection: Section = (input, t) => [
  heading(t("report.participation"), 1),
  table(
    [t("report.counter"), t("report.value"), t("report.definition")],
    input.participation.map((counter) => [counter.label, counter.value, counter.definition]),
  ),
];

async function figureParts(figure: ReportFigure, input: ReportInput, t: T): Promise<FileChild[]> {
  const parts: FileChild[] = [heading(figure.title, 2)];
  if (figure.data.length === 0) return [...parts, text(t("charts.noData"))];
  const svg = renderToStaticMarkup(createElement(BarChartSvg, { id: figure.id, language: input.language, title: figure.title, description: figure.description, data: figure.data, unit: figure.unit }));
  const png = await svgToPng(svg, { width: PNG_WIDTH });
  return [
    ...parts,
    new Paragraph({
      children: [
        new ImageRun({
          type: "png",
          data: png.png,
          transformation: { width: IMAGE_WIDTH, height: Math.round((IMAGE_WIDTH * png.height) / png.width) },
          altText: { name: figure.id, title: figure.title, description: `${figure.title}. ${figure.description}` },
        }),
      ],
    }),
    text(figure.description),
    table(
      [figure.categoryHeader, figure.valueHeader],
      figure.data.map((datum) => [datum.label, formatValue(datum.value, input.language, figure.unit)]),
    ),
  ];
}

const figuresSection: Section = async (input, t) => [
  heading(t("report.figures"), 1),
  ...(await Promise.all(input.figures.map((figure) => figureParts(figure, input, t)))).flat(),
];

const messagesSection: Section = (input, t) => [
  heading(t("keyMessages.title"), 1),
  ...(input.messages.length === 0 ? [text(t("report.noMessages"))] : []),
  ...input.messages.flatMap((message) => [
    heading(message.title, 2),
    ...(message.status === "agreed" ? [] : [text(t("keyMessages.draft"))]),
    ...message.blocks.flatMap((block) => (block.kind === "paragraph" ? [text(block.text)] : block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } })))),
    ...(message.citations.length ? [heading(t("report.citations"), 3)] : []),
    ...message.citations.map((citation) => {
      const who = citation.source.organisation ?? t("report.notNamed", { type: t(`organisationType.${citation.source.organisationType}`) });
      const quote = citation.quote === null ? t("report.citedOnly") : t("report.quote", { quote: citation.quote });
      return new Paragraph({ bullet: { level: 0 }, children: [new TextRun(quote), new TextRun({ text: ` — ${who}, ${citation.source.consultation}`, italics: true })] });
    }),
  ]),
];

/** One side of a match: its text, and who wrote it where they may be named. */
function side(party: ConfirmedMatch["need"], t: T): string {
  const who = party.organisation ?? t("proposal.notNamed");
  return party.text ? `${party.text} (${who})` : who;
}

const matchesSection: Section = (input, t) => [
  heading(t("report.matches"), 1),
  ...(input.matches.length === 0
    ? [text(t("report.noMatches"))]
    : [
        text(t("report.matchesIntro")),
        table(
          [t("report.matchObjective"), t("report.matchNeed"), t("report.matchAnswer"), t("report.matchReasons")],
          input.matches.map((match) => [match.objective.label, side(match.need, t), `${t(`matching.kind.${match.candidate.kind}`)}: ${side(match.candidate, t)}`, match.reasons.map((reason) => reason.label).join("; ")]),
        ),
      ]),
];

const annexSection: Section = (input, t) => [
  heading(t("report.annex"), 1),
  ...(input.annex.length === 0 ? [text(t("report.noProposals"))] : []),
  ...input.annex.flatMap((proposal) => [
    heading(proposal.title ?? t("report.untitled"), 2),
    text(proposal.summary),
    ...(proposal.machineTranslation
      ? [
          labelled(t("report.machineTranslation"), proposal.machineTranslation.title ?? ""),
          text(proposal.machineTranslation.summary),
        ]
      : []),
    labelled(t("report.annexField.organisation"), proposal.organisation ?? t("proposal.notNamed")),
    labelled(t("report.annexField.consultation"), proposal.consultation),
    labelled(t("report.annexField.kind"), proposal.kind),
    ...(proposal.stakeholderType ? [labelled(t("report.annexField.stakeholderType"), proposal.stakeholderType)] : []),
    ...(proposal.region ? [labelled(t("report.annexField.region"), proposal.region)] : []),
    ...(proposal.language ? [labelled(t("report.annexField.language"), proposal.language)] : []),
    ...(proposal.objectives.length ? [labelled(t("report.annexField.objectives"), proposal.objectives.join("; "))] : []),
  ]),
];

const notesSection: Section = (input, t) => [
  heading(t("report.notes"), 1),
  ...OMISSIONS.map((reason) => labelled(t(`report.omitted.${reason}`), String(input.omitted[reason]))),
  ...(input.machineTranslation
    ? [
        labelled(t("exportFile.notes.machineTranslation"), String(input.machineTranslation.translated)),
        labelled(t("exportFile.notes.untranslated"), String(input.machineTranslation.untranslated)),
        ...input.machineTranslation.problems.map((problem) => labelled(t("exportFile.notes.translationProblem"), problem)),
        labelled(t("exportFile.notes.unknownLanguage"), String(input.machineTranslation.unknownLanguage)),
      ]
    : []),
];

/** The sections in their order; a new one (the confirmed matches) goes in here, with its data in `ReportInput`. */
function sections(hash: string): Section[] {
  return [titlePage, aboutSection(hash), meetingSection, methodSection, participationSection, figuresSection, messagesSection, matchesSection, annexSection, notesSection];
}

/** The report as a docx `Document`, with its outcome (rows and hash). */
export async function reportDocument(input: ReportInput): Promise<{ document: Document; outcome: ReportOutcome }> {
  const t = translator(input.language);
  const sha256 = annexHash(input);
  const children = (await Promise.all(sections(sha256).map((section) => section(input, t)))).flat();
  const document = new Document({
    creator: "Consulta",
    title: t(`report.title.${input.scope.kind}`, { title: input.scope.title }),
    description: t("report.description", { madeAt: input.madeAt, sha256 }),
    styles: { default: { document: { run: { language: { value: input.language } } } } },
    sections: [{ children }],
  });
  return { document, outcome: { rows: input.annex.length, sha256 } };
}

/** Writes the report's DOCX to `output` and ends it; rejects without ending it when the report cannot be made. */
export async function writeReportDocx(input: ReportInput, output: Writable): Promise<ReportOutcome> {
  const { document, outcome } = await reportDocument(input);
  const bytes = await Packer.toBuffer(document);
  await new Promise<void>((resolve, reject) => {
    output.once("error", reject);
    output.end(bytes, () => resolve());
  });
  return outcome;
}
