// The answers `bench/exports.ts` measures the exports and figures against: a fresh SQLite
// database filled with submitted capacity-needs answers and every row submitting derives, fast
// (see "How the answers are written" in bench/README.md).
import type SQLite from "better-sqlite3";
import { needsIn, offersIn } from "#app/features/capacity/derive.ts";
import { freeTextsIn } from "#app/features/figures/free-texts.ts";
import { answerColumns, answerValuesIn } from "#app/features/figures/answer-values.ts";
import { newId } from "#app/features/ids.ts";
import { m49Areas } from "#app/features/organisations/countries.ts";
import type { SubmittedSource } from "#app/features/proposals/source.ts";
import type { SurveyModel } from "#app/features/surveys/survey-model.ts";
import { GCM_OBJECTIVES } from "#app/features/taxonomy/taxonomy.ts";
import { openSqlite } from "#db/connect.ts";
import type { Consultation, Database } from "#db/schema.ts";
import { BENCH_ANSWERS } from "./answers.ts";
import { random } from "./similarity-corpus.ts";

/** Answers per transaction: few commits, and a batch's rows never all of the answers. */
const BATCH = 5_000;

/** SQLite's page cache while loading: the keys' indexes of millions of rows stay in memory. */
const CACHE_KIB = 256 * 1024;

/** The tables a submitted capacity-needs answer writes to, parents first. */
const TABLES = ["organisation", "response", "submitted_answer", "answer_value", "free_text_answer", "capacity_need", "capacity_need_code", "capacity_offer", "capacity_offer_code"] as const satisfies readonly (keyof Database)[];
type Table = (typeof TABLES)[number];
type Row = Database[Table];
type Cell = string | number | null;

/** A full capacity-needs answer with its choices, ratings and priorities drawn at random. */
function answerFor(next: () => number): Record<string, unknown> {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const rating = () => 1 + Math.floor(next() * 5);
  const priorities = (BENCH_ANSWERS.priority_objectives as Record<string, unknown>[]).map((entry) => ({
    ...entry,
    objective: pick(GCM_OBJECTIVES).value,
    current_capacity: rating(),
  }));
  return {
    ...BENCH_ANSWERS,
    whole_of_government_consultation: pick(["yes", "partly", "no"]),
    coordination_effectiveness: rating(),
    data_availability: rating(),
    priority_objectives: priorities,
  };
}

/** Rows per insert statement: fewer calls into SQLite, far below its limit on bound parameters. */
const ROWS_PER_INSERT = 16;

interface TableInsert {
  columns: string[];
  one: SQLite.Statement<[Cell[]]>;
  many: SQLite.Statement<[Cell[]]>;
  /** The cells of the rows not written yet, row after row. */
  pending: Cell[];
}

/**
 * Prepared inserts per table, their columns those of the table's first row: rows are bound as
 * arrays of cells, `ROWS_PER_INSERT` at a time, with no SQL built per row. `flush` writes the rest.
 */
class Inserts {
  private readonly tables = new Map<Table, TableInsert>();
  constructor(private readonly sqlite: SQLite.Database) {}

  add(table: Table, row: Row): void {
    const cells = row as unknown as Record<string, Cell | undefined>;
    const insert = this.tables.get(table) ?? this.prepare(table, Object.keys(cells));
    for (const column of insert.columns) insert.pending.push(cells[column] ?? null);
    if (insert.pending.length === insert.columns.length * ROWS_PER_INSERT) {
      insert.many.run(insert.pending);
      insert.pending = [];
    }
  }

  flush(): void {
    for (const insert of this.tables.values()) {
      for (let start = 0; start < insert.pending.length; start += insert.columns.length) insert.one.run(insert.pending.slice(start, start + insert.columns.length));
      insert.pending = [];
    }
  }

  private prepare(table: Table, columns: string[]): TableInsert {
    const row = `(${columns.map(() => "?").join(", ")})`;
    const statement = (rows: number) => this.sqlite.prepare<[Cell[]]>(`insert into "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) values ${Array.from({ length: rows }, () => row).join(", ")}`);
    const insert = { columns, one: statement(1), many: statement(ROWS_PER_INSERT), pending: [] };
    this.tables.set(table, insert);
    return insert;
  }
}

/** The indexes of the tables written, but for the keys', dropped before the load and made again after it: one sort each instead of millions of updates. */
function dropIndexes(sqlite: SQLite.Database): string[] {
  const indexes = sqlite
    .prepare<string[], { name: string; sql: string }>(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${TABLES.map(() => "?").join(", ")})`)
    .all(...TABLES);
  for (const index of indexes) sqlite.exec(`drop index "${index.name}"`);
  return indexes.map((index) => index.sql);
}

/** One answer and everything its submission derives, with the app's own derivation functions. */
function writeAnswer(inserts: Inserts, model: SurveyModel, source: SubmittedSource, number: number, at: string): void {
  const data = JSON.stringify(source.answers);
  inserts.add("organisation", {
    id: source.organisationId,
    type: "state",
    name: `Bench State ${number}`,
    name_key: null,
    acronym: null,
    country_code: null,
    region_m49: source.regionM49,
    website: null,
    created_at: at,
    updated_at: at,
  });
  inserts.add("response", {
    id: source.responseId,
    consultation_id: source.consultationId,
    organisation_id: source.organisationId,
    survey_version_id: source.surveyVersionId,
    status: "submitted",
    data,
    submitted_data: data,
    revision: 1,
    current_page: 0,
    attribution: source.attribution,
    language: source.language,
    reference: `BENCH-${number}`,
    submitted_at: at,
    submitted_by: null,
    created_at: at,
    updated_at: at,
    updated_by: null,
  });
  inserts.add("submitted_answer", answerColumns(source));
  for (const value of answerValuesIn(model, source)) inserts.add("answer_value", value);
  for (const text of freeTextsIn(model, source, at)) inserts.add("free_text_answer", text);
  const added = { consultation_id: source.consultationId, response_id: source.responseId, withdrawn_at: null, created_at: at, updated_at: at };
  for (const need of needsIn(source)) {
    const id = newId();
    inserts.add("capacity_need", { id, ...added, ...need.columns });
    for (const code of need.codes) inserts.add("capacity_need_code", { need_id: id, ...code });
  }
  for (const offer of offersIn(source)) {
    const id = newId();
    inserts.add("capacity_offer", { id, ...added, ...offer.columns });
    for (const code of offer.codes) inserts.add("capacity_offer_code", { offer_id: id, ...code });
  }
}

/**
 * `count` States (organisations of type `state`, spread over the M49 areas) and their submitted
 * answers to the consultation, with the answer values, needs and offers that submitting derives.
 * Written straight into the SQLite file by prepared statements, in transactions of `BATCH`
 * answers, without waiting for the disk (synchronous off: a bench database lost in a crash is
 * made again) and with the secondary indexes built once at the end. Nothing else may write to the
 * database meanwhile.
 */
export function fillAnswers(url: string, consultation: Consultation, model: SurveyModel, count: number): void {
  const sqlite = openSqlite(url);
  try {
    sqlite.pragma("synchronous = OFF");
    // The indexes are sorted in memory, on a helper thread where one is free.
    sqlite.pragma("temp_store = MEMORY");
    sqlite.pragma("threads = 2");
    sqlite.pragma(`cache_size = -${CACHE_KIB}`);
    // Every row is made to refer to rows written before it.
    sqlite.pragma("foreign_keys = OFF");
    const indexes = dropIndexes(sqlite);
    const inserts = new Inserts(sqlite);
    const areas = m49Areas();
    const next = random(10);
    const batch = sqlite.transaction((from: number) => {
      for (let number = from; number < Math.min(from + BATCH, count); number += 1) {
        const source: SubmittedSource = {
          responseId: newId(),
          consultationId: consultation.id,
          surveyVersionId: consultation.survey_version_id,
          organisationId: newId(),
          stakeholderType: "state",
          regionM49: areas[Math.floor(next() * areas.length)] ?? null,
          language: ["en", "fr", "es"][number % 3] ?? "en",
          // Every answer quotable, so that the rapporteur's export writes all of them, as the bare writers do.
          attribution: next() < 0.8 ? "attributable" : "non_attributable",
          answers: answerFor(next),
        };
        writeAnswer(inserts, model, source, number, new Date(Date.UTC(2018, 7, 1) + number * 1_000).toISOString());
      }
      inserts.flush();
    });
    for (let from = 0; from < count; from += BATCH) batch(from);
    for (const index of indexes) sqlite.exec(index);
  } finally {
    sqlite.close();
  }
}
