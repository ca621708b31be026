import type { Kysely } from "kysely";

// Frozen in time: this migration must not import application code.
// What rapporteurs read across answers, derived from the submitted answers into typed rows
// (docs/decisions/0017-proposal-rows-and-stable-item-ids.md): proposals with their codes, and
// capacity needs and offers with theirs. Rows of answers submitted before this migration are
// made by `npm run proposals:rebuild`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("proposal")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("restrict"))
    // Null for a proposal a rapporteur made by merging others.
    .addColumn("response_id", "text", (c) => c.references("response.id").onDelete("restrict"))
    .addColumn("item_id", "text", (c) => c.unique())
    .addColumn("question", "text")
    .addColumn("position", "integer")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.references("organisation.id").onDelete("restrict"))
    .addColumn("stakeholder_type", "text")
    .addColumn("region_m49", "text")
    .addColumn("language", "text")
    .addColumn("title", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("partners_named", "text")
    .addColumn("capacity_built", "text")
    .addColumn("beneficiaries", "text")
    .addColumn("resources_needed", "text")
    .addColumn("resources_offered", "text")
    .addColumn("indicators", "text")
    .addColumn("timeline", "text")
    .addColumn("start_readiness", "text")
    .addColumn("attribution", "text")
    .addColumn("consent_to_publish", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("status_reason", "text")
    .addColumn("merged_into_id", "text", (c) => c.references("proposal.id").onDelete("set null"))
    .addColumn("withdrawn_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  for (const column of ["response_id", "organisation_id", "merged_into_id"]) {
    await db.schema.createIndex(`proposal_${column}_idx`).on("proposal").column(column).execute();
  }
  // The inbox filters a consultation's proposals by these, most often with the status.
  for (const column of ["status", "region_m49", "stakeholder_type", "language", "attribution", "updated_at"]) {
    await db.schema.createIndex(`proposal_consultation_${column}_idx`).on("proposal").columns(["consultation_id", column]).execute();
  }

  await db.schema
    .createTable("proposal_code")
    .addColumn("proposal_id", "text", (c) => c.notNull().references("proposal.id").onDelete("cascade"))
    .addColumn("scheme", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addPrimaryKeyConstraint("proposal_code_pk", ["proposal_id", "scheme", "code", "source"])
    .execute();
  await db.schema.createIndex("proposal_code_scheme_code_idx").on("proposal_code").columns(["scheme", "code", "proposal_id"]).execute();

  for (const table of ["capacity_need", "capacity_offer"]) {
    let builder = db.schema
      .createTable(table)
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("consultation_id", "text", (c) => c.notNull().references("consultation.id").onDelete("restrict"))
      .addColumn("response_id", "text", (c) => c.notNull().references("response.id").onDelete("restrict"))
      // The question it came from, and the panel entry's stable id (null for an answer outside a panel).
      .addColumn("question", "text", (c) => c.notNull())
      .addColumn("item_id", "text")
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
      .addColumn("stakeholder_type", "text", (c) => c.notNull())
      .addColumn("region_m49", "text")
      .addColumn("language", "text")
      .addColumn("attribution", "text")
      .addColumn("description", "text")
      .addColumn("withdrawn_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull());
    if (table === "capacity_need") builder = builder.addColumn("objective", "text", (c) => c.notNull()).addColumn("current_capacity", "integer");
    await builder.addUniqueConstraint(`${table}_item_unique`, ["response_id", "question", "item_id"]).execute();
    await db.schema.createIndex(`${table}_consultation_idx`).on(table).columns(["consultation_id", "withdrawn_at"]).execute();
    await db.schema.createIndex(`${table}_item_idx`).on(table).column("item_id").execute();

    await db.schema
      .createTable(`${table}_code`)
      .addColumn(`${table.slice("capacity_".length)}_id`, "text", (c) => c.notNull().references(`${table}.id`).onDelete("cascade"))
      .addColumn("scheme", "text", (c) => c.notNull())
      .addColumn("code", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_code_pk`, [`${table.slice("capacity_".length)}_id`, "scheme", "code"])
      .execute();
    await db.schema.createIndex(`${table}_code_scheme_code_idx`).on(`${table}_code`).columns(["scheme", "code"]).execute();
  }
  await db.schema.createIndex("capacity_need_objective_idx").on("capacity_need").columns(["objective", "consultation_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["capacity_offer_code", "capacity_offer", "capacity_need_code", "capacity_need", "proposal_code", "proposal"]) {
    await db.schema.dropTable(table).execute();
  }
}
