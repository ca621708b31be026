/**
 * Demo States for the second 2018 session of the International Dialogue on Migration
 * (Geneva, 8–9 October 2018): 40 UN Member States with a fictional focal point each, their
 * answers to the pre-meeting `capacity-needs` survey and, for twelve of them, to the `follow-up`
 * survey. Names and e-mail addresses are invented (`.example` domains only); the answers are
 * illustrative, written from what was publicly known of each country's migration situation in
 * 2018. Mexico is not here: it has its own demo account.
 *
 * Check against the surveys with: npx tsx scripts/check-demo-answers.ts db/demo/states.ts
 */
import type { DemoAnswer, DemoState } from "./types.ts";

// ---------------------------------------------------------------------------------------------
// Values of the shared lists (app/features/taxonomy/taxonomy.ts and the UN M49 regions), typed
// here so that a misspelt value is a compile error rather than a rejected answer.

type Objective =
  | "gcm-01" | "gcm-02" | "gcm-03" | "gcm-04" | "gcm-05" | "gcm-06" | "gcm-07" | "gcm-08"
  | "gcm-09" | "gcm-10" | "gcm-11" | "gcm-12" | "gcm-13" | "gcm-14" | "gcm-15" | "gcm-16"
  | "gcm-17" | "gcm-18" | "gcm-19" | "gcm-20" | "gcm-21" | "gcm-22" | "gcm-23";
type Gap = "data-evidence" | "law-policy" | "institutional-coordination" | "skills-training" | "infrastructure-technology" | "financing";
type Modality = "technical-assistance" | "peer-exchange" | "training" | "funding" | "data-tools";
type Level = "local" | "national" | "regional" | "global";
type Stakeholder =
  | "state" | "ngo" | "diaspora" | "migrant_led" | "academia" | "private_sector" | "trade_union"
  | "local_authority" | "international_organisation" | "regional_organisation" | "rcp" | "un_entity";
/** Stakeholders other than States (the whole-of-society question hides "state"). */
type SocietyStakeholder = Exclude<Stakeholder, "state">;
type Region =
  | "m49-002" | "m49-015" | "m49-202" | "m49-011" | "m49-014" | "m49-017" | "m49-018"
  | "m49-009" | "m49-053" | "m49-054" | "m49-057" | "m49-061"
  | "m49-019" | "m49-021" | "m49-419" | "m49-005" | "m49-013" | "m49-029"
  | "m49-142" | "m49-030" | "m49-034" | "m49-035" | "m49-143" | "m49-145"
  | "m49-150" | "m49-039" | "m49-151" | "m49-154" | "m49-155";
type Rating = 1 | 2 | 3 | 4 | 5;

// ---------------------------------------------------------------------------------------------
// The answers' shapes, by question name (surveys/capacity-needs.json and surveys/follow-up.json).

type Priority = {
  objective: Objective;
  current_capacity?: Rating;
  capacity_gaps?: Gap[];
  support_modalities?: Modality[];
  gap_details?: string;
};

type Offer = {
  objective: Objective;
  modality?: Modality[];
  description?: string;
};

type CapacityNeeds = {
  coordinating_institution: string;
  contributing_institutions?: string;
  whole_of_government_consultation: "yes" | "partly" | "no";
  wog_mechanism: "exists" | "being_set_up" | "none";
  /** Only when wog_mechanism is "exists". */
  wog_mechanism_description?: string;
  /** Only when wog_mechanism is "being_set_up". */
  wog_mechanism_plans?: string;
  wos_stakeholders?: SocietyStakeholder[];
  wos_engagement_details?: string;
  un_coordination?: "regular" | "occasional" | "planned" | "none" | "no_country_team";
  un_coordination_comment?: string;
  coordination_effectiveness?: Rating;
  priority_objectives: Priority[];
  existing_partnerships?: string;
  partnership_levels?: Level[];
  partner_types_sought?: Stakeholder[];
  partner_regions?: Region[];
  south_south_interest?: boolean;
  review_tools?: ("national_indicators" | "mgi" | "voluntary_national_reviews" | "regional_reviews" | "other")[] | ["none"];
  /** Only when review_tools contains "other". */
  review_tools_other?: string;
  data_availability?: Rating;
  review_comment?: string;
  financing_sources?: ("national_budget" | "bilateral_donors" | "multilateral_funds" | "private_sector" | "other")[];
  /** Only when financing_sources contains "other". */
  financing_sources_other?: string;
  startup_fund_use?: "likely" | "possibly" | "unlikely" | "contributor" | "undecided";
  financing_gaps?: string;
  can_offer?: boolean;
  /** Only when can_offer is true. */
  offers?: Offer[];
  proposals_for_marrakech?: string;
  additional_comments?: string;
};

type Commitment = {
  objective: Objective;
  action: string;
  timeline?: "before_marrakech" | "within_1_year" | "within_2_3_years" | "longer";
  partners_sought?: Stakeholder[];
};

type FollowUp = {
  /** Required on submission. */
  usefulness?: Rating;
  most_useful_sessions?: ("opening_keynotes" | "panel_governance_levels" | "panel_un_coordination" | "panel_progress_tools" | "panel_financing" | "side_events_networking")[];
  takeaways?: string;
  what_to_improve?: string;
  has_commitments?: boolean;
  /** Only when has_commitments is true. */
  commitments?: Commitment[];
  priorities_changed?: "yes_significantly" | "somewhat" | "no";
  /** Only when priorities_changed is "yes_significantly" or "somewhat". */
  priorities_change_details?: string;
  priority_objectives?: Priority[];
  new_contacts?: "none" | "one_to_two" | "three_to_five" | "more_than_five";
  partnership_follow_up?: string;
  governance_levels?: Level[];
  proposals_for_marrakech?: string;
  additional_comments?: string;
};

type Attribution = DemoAnswer["attribution"];

/** One priority objective, in the order of the panel's questions. */
function priority(objective: Objective, current_capacity: Rating, capacity_gaps: Gap[], support_modalities: Modality[], gap_details?: string): Priority {
  return gap_details === undefined
    ? { objective, current_capacity, capacity_gaps, support_modalities }
    : { objective, current_capacity, capacity_gaps, support_modalities, gap_details };
}

function needs(organisation: string, attribution: Attribution, answers: CapacityNeeds): DemoAnswer {
  return { organisation, survey: "capacity-needs", status: "submitted", attribution, answers };
}

function followUp(organisation: string, status: DemoAnswer["status"], attribution: Attribution, answers: FollowUp): DemoAnswer {
  return { organisation, survey: "follow-up", status, attribution, answers };
}

// ---------------------------------------------------------------------------------------------
// The States. Africa 10, Americas 10, Asia 9, Europe 8, Oceania 3.

export const DEMO_STATES: DemoState[] = [
  // Africa
  { code: "SN", focalPoint: { name: "Aminata Ndiaye", email: "aminata.ndiaye@sn.example" }, language: "fr" },
  { code: "ML", focalPoint: { name: "Moussa Traoré", email: "moussa.traore@ml.example" }, language: "fr" },
  { code: "NE", focalPoint: { name: "Mariama Boubacar", email: "mariama.boubacar@ne.example" }, language: "fr" },
  { code: "CI", focalPoint: { name: "Adjoua Kouamé", email: "adjoua.kouame@ci.example" }, language: "fr" },
  { code: "MA", focalPoint: { name: "Nadia Bennani", email: "nadia.bennani@ma.example" }, language: "fr" },
  { code: "TN", focalPoint: { name: "Mehdi Gharbi", email: "mehdi.gharbi@tn.example" }, language: "fr" },
  { code: "NG", focalPoint: { name: "Chinedu Okafor", email: "chinedu.okafor@ng.example" }, language: "en" },
  { code: "ET", focalPoint: { name: "Selamawit Tadesse", email: "selamawit.tadesse@et.example" }, language: "en" },
  { code: "KE", focalPoint: { name: "Peter Otieno", email: "peter.otieno@ke.example" }, language: "en" },
  { code: "ZA", focalPoint: { name: "Thandiwe Nkosi", email: "thandiwe.nkosi@za.example" }, language: "en" },
  // Americas
  { code: "CA", focalPoint: { name: "Daniel MacLeod", email: "daniel.macleod@ca.example" }, language: "en" },
  { code: "HT", focalPoint: { name: "Wilner Joseph", email: "wilner.joseph@ht.example" }, language: "fr" },
  { code: "CO", focalPoint: { name: "Catalina Ospina", email: "catalina.ospina@co.example" }, language: "es" },
  { code: "EC", focalPoint: { name: "Andrés Villacís", email: "andres.villacis@ec.example" }, language: "es" },
  { code: "PE", focalPoint: { name: "Rosa Quispe", email: "rosa.quispe@pe.example" }, language: "es" },
  { code: "GT", focalPoint: { name: "Claudia Girón", email: "claudia.giron@gt.example" }, language: "es" },
  { code: "SV", focalPoint: { name: "Karla Rivas", email: "karla.rivas@sv.example" }, language: "es" },
  { code: "HN", focalPoint: { name: "José Mejía", email: "jose.mejia@hn.example" }, language: "es" },
  { code: "CR", focalPoint: { name: "Mariela Solís", email: "mariela.solis@cr.example" }, language: "es" },
  { code: "AR", focalPoint: { name: "Martín Ferreyra", email: "martin.ferreyra@ar.example" }, language: "es" },
  // Asia
  { code: "PH", focalPoint: { name: "Ramon Villanueva", email: "ramon.villanueva@ph.example" }, language: "en" },
  { code: "BD", focalPoint: { name: "Farhana Rahman", email: "farhana.rahman@bd.example" }, language: "en" },
  { code: "NP", focalPoint: { name: "Sunita Shrestha", email: "sunita.shrestha@np.example" }, language: "en" },
  { code: "LK", focalPoint: { name: "Dilani Perera", email: "dilani.perera@lk.example" }, language: "en" },
  { code: "ID", focalPoint: { name: "Rina Wulandari", email: "rina.wulandari@id.example" }, language: "en" },
  { code: "TH", focalPoint: { name: "Kittipong Saelim", email: "kittipong.saelim@th.example" }, language: "en" },
  { code: "JO", focalPoint: { name: "Lina Haddad", email: "lina.haddad@jo.example" }, language: "en" },
  { code: "TR", focalPoint: { name: "Elif Yılmaz", email: "elif.yilmaz@tr.example" }, language: "en" },
  { code: "KG", focalPoint: { name: "Aizada Osmonova", email: "aizada.osmonova@kg.example" }, language: "en" },
  // Europe
  { code: "FR", focalPoint: { name: "Julien Moreau", email: "julien.moreau@fr.example" }, language: "fr" },
  { code: "LU", focalPoint: { name: "Anne Schmit", email: "anne.schmit@lu.example" }, language: "fr" },
  { code: "ES", focalPoint: { name: "Lucía Navarro", email: "lucia.navarro@es.example" }, language: "es" },
  { code: "DE", focalPoint: { name: "Katrin Hoffmann", email: "katrin.hoffmann@de.example" }, language: "en" },
  { code: "PT", focalPoint: { name: "Inês Carvalho", email: "ines.carvalho@pt.example" }, language: "en" },
  { code: "SE", focalPoint: { name: "Erik Lindqvist", email: "erik.lindqvist@se.example" }, language: "en" },
  { code: "GR", focalPoint: { name: "Eleni Papadopoulou", email: "eleni.papadopoulou@gr.example" }, language: "en" },
  { code: "MD", focalPoint: { name: "Natalia Rusu", email: "natalia.rusu@md.example" }, language: "en" },
  // Oceania
  { code: "FJ", focalPoint: { name: "Litia Naivalu", email: "litia.naivalu@fj.example" }, language: "en" },
  { code: "TO", focalPoint: { name: "Sione Fifita", email: "sione.fifita@to.example" }, language: "en" },
  { code: "NZ", focalPoint: { name: "Kiri Thompson", email: "kiri.thompson@nz.example" }, language: "en" },
];
