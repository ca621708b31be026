/**
 * Demo partner organisations of the second 2018 session of the International Dialogue on
 * Migration, and their answers to the partnership-proposals and follow-up surveys.
 *
 * Every organisation, person and e-mail address here is invented. Free text is written in the
 * language the partner works in. Some proposals deliberately overlap (labour-migration
 * statistics, fair-recruitment monitoring, remittance-cost literacy, city-to-city inclusion
 * networks, diaspora skills transfer) so that rapporteurs have duplicates to merge.
 */
import type { DemoAnswer, DemoPartner } from "./types.ts";

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
/** A GCM objective value, "gcm-01" to "gcm-23". */
type Gcm = `gcm-0${Exclude<Digit, 0>}` | `gcm-1${Digit}` | `gcm-2${0 | 1 | 2 | 3}`;
type Principle =
  | "people-centred"
  | "international-cooperation"
  | "national-sovereignty"
  | "rule-of-law"
  | "sustainable-development"
  | "human-rights"
  | "gender-responsive"
  | "child-sensitive"
  | "whole-of-government"
  | "whole-of-society";
type Level = "local" | "national" | "regional" | "global";
type Gap = "data-evidence" | "law-policy" | "institutional-coordination" | "skills-training" | "infrastructure-technology" | "financing";
type Modality = "technical-assistance" | "peer-exchange" | "training" | "funding" | "data-tools";
type PartnerKind =
  | "ngo"
  | "diaspora"
  | "migrant_led"
  | "academia"
  | "private_sector"
  | "trade_union"
  | "local_authority"
  | "international_organisation"
  | "regional_organisation"
  | "rcp"
  | "un_entity";
type Stakeholder = "state" | PartnerKind;
/** UN M49 continents and subregions, as the survey's region list writes them. */
type Region =
  | "m49-002" | "m49-015" | "m49-202" | "m49-011" | "m49-014" | "m49-017" | "m49-018"
  | "m49-009" | "m49-053" | "m49-054" | "m49-057" | "m49-061"
  | "m49-019" | "m49-021" | "m49-419" | "m49-005" | "m49-013" | "m49-029"
  | "m49-142" | "m49-030" | "m49-034" | "m49-035" | "m49-143" | "m49-145"
  | "m49-150" | "m49-039" | "m49-151" | "m49-154" | "m49-155";
type Attribution = DemoAnswer["attribution"];
type Status = DemoAnswer["status"];

interface Partner extends DemoPartner {
  type: PartnerKind;
}

function partner(key: string, type: PartnerKind, name: string, country: string | undefined, contactName: string, language: Partner["language"], acronym?: string): Partner {
  const [first, ...rest] = contactName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’]/g, "")
    .toLowerCase()
    .split(" ");
  const email = `${first}.${rest.join("-")}@${key}.example`;
  return {
    key,
    type,
    name,
    ...(acronym ? { acronym } : {}),
    ...(country ? { country } : {}),
    contact: { name: contactName, email },
    language,
  };
}

const PARTNERS: Partner[] = [
  // Non-governmental organisations
  partner("collectif-sahel-mobilite", "ngo", "Collectif Sahel pour les droits des personnes mobiles", "NE", "Aïssata Moussa", "fr"),
  partner("fundacion-puentes-istmo", "ngo", "Fundación Puentes del Istmo", "PA", "Lucía Herrera", "es"),
  partner("harbourlight-trust", "ngo", "Harbourlight Migrant Assistance Trust", "PH", "Maricel Dizon", "en"),
  partner("pacific-migrant-welfare", "ngo", "Coastal Pacific Migrant Welfare Association", "FJ", "Litia Vunibola", "en"),
  // Diaspora organisations
  partner("passerelles-haiti-quebec", "diaspora", "Réseau Passerelles Haïti–Québec", "CA", "Wilner Joseph", "fr"),
  partner("somali-nordic-professionals", "diaspora", "Somali–Nordic Professionals Exchange", "FI", "Hodan Warsame", "en"),
  partner("red-cuscatlan-talento", "diaspora", "Red Cuscatlán de Talento en el Exterior", "US", "Ernesto Alvarenga", "es"),
  // Migrant-led organisations
  partner("lakbay-care-workers", "migrant_led", "Lakbay Care Workers’ Circle", "HK", "Rowena Bautista", "en"),
  partner("horizons-partages", "migrant_led", "Collectif Horizons partagés des migrants subsahariens", "MA", "Mariam Traoré", "fr"),
  partner("colectivo-tierra-nueva", "migrant_led", "Colectivo Migrante Tierra Nueva", "CL", "Yelitza Montilla", "es"),
  // Academia and research
  partner("kilimani-migration-data", "academia", "Kilimani Centre for Migration Data", "KE", "Wanjiru Kamau", "en"),
  partner("lemoa-dakar", "academia", "Laboratoire d’études sur les mobilités ouest-africaines", "SN", "Ousmane Diallo", "fr", "LEMOA"),
  partner("instituto-chakana", "academia", "Instituto Chakana de Estudios Migratorios", "BO", "Rosa Mamani", "es"),
  // Private sector
  partner("remesalia-digital", "private_sector", "Remesalia Digital", "GT", "Andrea Coyoy", "es"),
  partner("meridian-ethical-staffing", "private_sector", "Meridian Gulf Ethical Staffing Council", "AE", "Farah Haddad", "en"),
  partner("employeurs-mobilite-equitable", "private_sector", "Groupement ivoirien des employeurs pour la mobilité équitable", "CI", "Koffi N’Guessan", "fr"),
  // Trade unions
  partner("intersyndicale-corridor", "trade_union", "Intersyndicale du corridor Abidjan–Lagos", "TG", "Komlan Agbeko", "fr"),
  partner("himalaya-gulf-workers", "trade_union", "Himalaya–Gulf Construction Workers’ Federation", "NP", "Sunita Gurung", "en"),
  partner("frente-jornaleros-binacional", "trade_union", "Frente Sindical Binacional de Jornaleros Agrícolas", "CR", "Marvin Solís", "es"),
  // Local authorities
  partner("hanse-cities-inclusion", "local_authority", "Hanse Cities Inclusion Network", "DE", "Katrin Vogel", "en"),
  partner("villes-mediterraneennes-accueil", "local_authority", "Réseau des villes méditerranéennes d’accueil", "TN", "Leïla Ben Salah", "fr"),
  partner("mancomunidad-frontera-oriental", "local_authority", "Mancomunidad de Municipios de la Frontera Oriental", "CO", "Diana Rojas", "es"),
  // International organisations
  partner("remittance-transparency-centre", "international_organisation", "International Centre for Remittance Transparency", undefined, "Tomás Lindqvist", "en"),
  partner("agence-reconnaissance-competences", "international_organisation", "Agence internationale pour la reconnaissance des compétences", "LU", "Sophie Kremer", "fr"),
  // Regional organisations
  partner("secretaria-cono-sur-movilidad", "regional_organisation", "Secretaría de Integración del Cono Sur para la Movilidad", "UY", "Gabriela Ferreira", "es"),
  partner("moana-labour-mobility", "regional_organisation", "Moana Regional Labour Mobility Secretariat", "WS", "Sione Tuilagi", "en"),
  // Regional consultative processes
  partner("processus-de-kribi", "rcp", "Processus de Kribi sur la mobilité en Afrique centrale", "CM", "Estelle Mbarga", "fr"),
  partner("caspian-consultation", "rcp", "Caspian Consultation on Labour Mobility", "KZ", "Aigerim Seitkali", "en"),
  // United Nations entities
  partner("un-migration-statistics-facility", "un_entity", "United Nations Inter-Agency Facility for Migration Statistics", undefined, "Priya Raman", "en"),
  partner("bureau-onu-mobilite-sahel", "un_entity", "Bureau conjoint des Nations Unies pour la mobilité et le développement au Sahel", "ML", "Boubacar Keïta", "fr"),
];

export const DEMO_PARTNERS: DemoPartner[] = PARTNERS;

// ---------------------------------------------------------------------------------------------
// partnership-proposals

interface Proposal {
  title: string;
  summary: string;
  gcm_objectives: Gcm[];
  guiding_principles?: Principle[];
  governance_levels?: Level[];
  partners_involved?: Stakeholder[];
  /** Only when partners_involved is not empty (the question is hidden otherwise). */
  partners_named?: string;
  capacity_built?: string;
  beneficiaries?: string;
  capacity_gaps_addressed?: Gap[];
  support_modalities?: Modality[];
  resources_needed?: string;
  resources_offered?: string;
  timeline?: "under_1_year" | "one_to_two_years" | "three_to_five_years" | "more_than_five_years";
  start_readiness?: "ready_now" | "within_6_months" | "needs_funding_first";
  indicators?: string;
  consent_to_publish: boolean;
}

interface Offer {
  modalities?: Modality[];
  objectives?: Gcm[];
  description: string;
}

interface ProposalSubmission {
  key: string;
  attribution: Attribution;
  focus?: string;
  regions?: Region[];
  levels?: Level[];
  /** Defaults to true for diaspora and migrant-led organisations, false otherwise. */
  migrantLed?: boolean;
  role?: string;
  proposals: Proposal[];
  /** An offer of capacity; false when the partner answered that it cannot offer any. */
  offer?: Offer | false;
  marrakech?: string;
  comments?: string;
}

function partnerOf(key: string): Partner {
  const found = PARTNERS.find((item) => item.key === key);
  if (!found) throw new Error(`Unknown demo partner: ${key}`);
  return found;
}

function proposalPanel(proposal: Proposal): Record<string, unknown> {
  if (proposal.partners_named && !proposal.partners_involved?.length) {
    throw new Error(`partners_named is hidden without partners_involved: ${proposal.title}`);
  }
  return Object.fromEntries(Object.entries(proposal).filter(([, value]) => value !== undefined));
}

function proposalsAnswer(submission: ProposalSubmission): DemoAnswer {
  const organisation = partnerOf(submission.key);
  const answers: Record<string, unknown> = {};
  if (submission.focus) answers.organisation_focus = submission.focus;
  answers.stakeholder_type = organisation.type;
  if (submission.regions) answers.regions_of_work = submission.regions;
  if (submission.levels) answers.governance_levels_of_work = submission.levels;
  answers.migrant_led = submission.migrantLed ?? (organisation.type === "diaspora" || organisation.type === "migrant_led");
  if (submission.role) answers.contact_role = submission.role;
  answers.proposals = submission.proposals.map(proposalPanel);
  if (submission.offer === false) answers.can_offer = false;
  else if (submission.offer) {
    answers.can_offer = true;
    if (submission.offer.modalities) answers.offer_modalities = submission.offer.modalities;
    if (submission.offer.objectives) answers.offer_objectives = submission.offer.objectives;
    answers.offer_description = submission.offer.description;
  }
  if (submission.marrakech) answers.messages_for_marrakech = submission.marrakech;
  if (submission.comments) answers.additional_comments = submission.comments;
  return { organisation: submission.key, survey: "partnership-proposals", status: "submitted", attribution: submission.attribution, answers };
}

const PROPOSAL_SUBMISSIONS: ProposalSubmission[] = [
  {
    key: "collectif-sahel-mobilite",
    attribution: "attributable",
    focus: "Le Collectif défend les droits des personnes migrantes et déplacées le long des routes du Niger et du nord du Mali. Il tient des points d’écoute, oriente vers les services et forme les acteurs communaux.",
    regions: ["m49-011", "m49-015"],
    levels: ["local", "national"],
    role: "Coordinatrice des programmes",
    proposals: [
      {
        title: "Points d’information mobiles sur les routes d’Agadez et d’Arlit",
        summary: "Les personnes qui traversent la région d’Agadez partent souvent sans connaître les risques du désert ni les voies légales qui existent. Le partenariat équipera trois équipes mobiles mixtes (collectif, communes, services de la protection civile) qui tiendront des permanences dans les gares routières et les points d’eau, diffuseront une information vérifiée en haoussa, zarma, tamasheq et français, et orienteront les personnes vulnérables vers les services de santé et de protection.",
        gcm_objectives: ["gcm-03", "gcm-07", "gcm-08"],
        guiding_principles: ["people-centred", "human-rights", "whole-of-society"],
        governance_levels: ["local", "national"],
        partners_involved: ["local_authority", "state", "un_entity"],
        partners_named: "Communes d’Agadez, d’Arlit et d’Ingall ; Direction régionale de la protection civile ; Bureau conjoint des Nations Unies pour la mobilité et le développement au Sahel (appui logistique).",
        capacity_built: "Vingt-quatre agents communaux et médiateurs formés à l’information sur les risques, à l’identification des vulnérabilités et à l’orientation ; un répertoire des services tenu à jour par les communes elles-mêmes.",
        beneficiaries: "Environ 15 000 personnes en transit par an, en priorité les femmes seules et les mineurs non accompagnés.",
        capacity_gaps_addressed: ["skills-training", "institutional-coordination"],
        support_modalities: ["training", "funding"],
        resources_needed: "Deux véhicules tout-terrain, les frais de fonctionnement des équipes pendant 24 mois et l’impression des supports.",
        resources_offered: "Nos 12 médiateurs, nos locaux à Agadez et notre réseau de 40 relais communautaires.",
        timeline: "one_to_two_years",
        start_readiness: "needs_funding_first",
        indicators: "Nombre de personnes informées et orientées, ventilé par sexe et âge ; part des orientations suivies d’une prise en charge ; répertoire mis à jour au moins tous les six mois.",
        consent_to_publish: true,
      },
      {
        title: "Formation des agents d’état civil et des services sociaux communaux à l’accueil des personnes vulnérables",
        summary: "Les mairies sont le premier guichet auquel s’adressent les migrants en difficulté, mais leurs agents ne savent pas vers qui les orienter. Nous proposons un module de trois jours, co-animé avec des travailleurs sociaux, dans dix communes de la région de Tahoua et d’Agadez.",
        gcm_objectives: ["gcm-07", "gcm-15"],
        guiding_principles: ["people-centred", "child-sensitive", "gender-responsive"],
        governance_levels: ["local"],
        capacity_gaps_addressed: ["skills-training"],
        support_modalities: ["training"],
        timeline: "under_1_year",
        start_readiness: "within_6_months",
        consent_to_publish: false,
      },
    ],
    offer: {
      modalities: ["training", "peer-exchange"],
      objectives: ["gcm-03", "gcm-07"],
      description: "Nous pouvons partager notre méthode de points d’information mobiles avec des organisations et des communes d’autres pays de transit du Sahel, et accueillir des visites d’échange à Agadez.",
    },
    marrakech: "Reconnaître les communes de transit comme des acteurs à part entière de la mise en œuvre du Pacte et leur donner accès aux financements.\n\nPrévoir que les organisations de la société civile des pays de transit soient associées aux plans nationaux de mise en œuvre.",
  },
  {
    key: "fundacion-puentes-istmo",
    attribution: "non_attributable",
    focus: "Acompañamos a personas migrantes en tránsito por Panamá y Centroamérica con asistencia humanitaria, orientación jurídica y fortalecimiento de albergues comunitarios.",
    regions: ["m49-013", "m49-005"],
    levels: ["local", "regional"],
    role: "Directora de Programas",
    proposals: [
      {
        title: "Protocolo binacional de atención a personas migrantes en la frontera del Darién",
        summary: "Cada vez más personas, incluidas familias de fuera del continente, cruzan la selva del Darién sin atención coordinada a ambos lados de la frontera. Proponemos elaborar con las autoridades locales de Colombia y Panamá un protocolo común de recepción, primeros auxilios, identificación de necesidades de protección y remisión, y formar a quienes lo aplicarán.",
        gcm_objectives: ["gcm-07", "gcm-08", "gcm-15"],
        guiding_principles: ["human-rights", "child-sensitive", "international-cooperation"],
        governance_levels: ["local", "national", "regional"],
        partners_involved: ["local_authority", "state", "ngo"],
        partners_named: "Mancomunidad de Municipios de la Frontera Oriental (intercambio de experiencias), servicios nacionales de migración y de salud de ambos países, organizaciones comunitarias de Yaviza y Metetí.",
        capacity_built: "Un protocolo validado por ambos países, 60 funcionarios y voluntarios capacitados y un sistema sencillo de registro de casos compartido.",
        beneficiaries: "Personas migrantes en tránsito, en especial niñas, niños y mujeres embarazadas; comunidades receptoras indígenas y afrodescendientes.",
        capacity_gaps_addressed: ["institutional-coordination", "skills-training", "data-evidence"],
        support_modalities: ["technical-assistance", "training"],
        resources_needed: "Apoyo técnico en protección de la infancia y financiación para seis talleres binacionales.",
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        indicators: "Protocolo firmado; número de personas atendidas según el protocolo; tiempo medio entre la llegada y la remisión a servicios.",
        consent_to_publish: true,
      },
      {
        title: "Estándares mínimos y formación para la red de albergues del corredor centroamericano",
        summary: "Los albergues del corredor funcionan con reglas y capacidades muy desiguales. Proponemos acordar estándares mínimos de acogida (protección, salud, privacidad de datos) y un ciclo de formación entre pares para 30 albergues de Panamá, Costa Rica, Honduras y Guatemala.",
        gcm_objectives: ["gcm-07", "gcm-15", "gcm-23"],
        guiding_principles: ["people-centred", "human-rights", "whole-of-society"],
        governance_levels: ["regional"],
        capacity_gaps_addressed: ["skills-training", "financing"],
        support_modalities: ["peer-exchange", "training", "funding"],
        timeline: "three_to_five_years",
        start_readiness: "needs_funding_first",
        consent_to_publish: true,
      },
    ],
    offer: false,
  },
  {
    key: "harbourlight-trust",
    attribution: "attributable",
    focus: "Harbourlight assists Filipino migrant workers and their families before departure, while abroad and on return, with counselling, legal referral and reintegration support.",
    regions: ["m49-035", "m49-145", "m49-030"],
    levels: ["local", "national"],
    role: "Executive Director",
    proposals: [
      {
        title: "Pre-departure orientation co-designed with returned workers",
        summary: "Pre-departure seminars are often a one-day lecture that workers forget. We propose to redesign the orientation for domestic and care workers going to the Gulf and East Asia with 40 returned workers as co-trainers, using case scenarios on contracts, passports, wages and where to get help, and to test it in two regions before the national authority considers scaling it up.",
        gcm_objectives: ["gcm-03", "gcm-06", "gcm-07"],
        guiding_principles: ["people-centred", "gender-responsive", "whole-of-society"],
        governance_levels: ["local", "national"],
        partners_involved: ["state", "migrant_led", "private_sector"],
        partners_named: "The national overseas employment authority, Lakbay Care Workers’ Circle (Hong Kong) and two licensed recruitment agencies.",
        capacity_built: "A tested curriculum and facilitator guide; 40 returned workers certified as co-trainers.",
        beneficiaries: "About 6,000 first-time departing domestic and care workers in the pilot year.",
        capacity_gaps_addressed: ["skills-training"],
        support_modalities: ["technical-assistance", "training"],
        timeline: "one_to_two_years",
        start_readiness: "ready_now",
        indicators: "Knowledge test before and after the orientation; share of workers who can name a help channel six months after arrival.",
        consent_to_publish: true,
      },
      {
        title: "Reintegration case-management toolkit for local government units",
        summary: "Municipal welfare officers receive returning workers, many after abuse or contract termination, without tools to assess their needs or follow them up. We will adapt our case-management forms and referral pathways into a toolkit and train officers in 15 municipalities.",
        gcm_objectives: ["gcm-21", "gcm-15"],
        guiding_principles: ["people-centred", "whole-of-government"],
        governance_levels: ["local"],
        capacity_built: "Case management skills of 45 municipal welfare officers; referral directories in 15 municipalities.",
        capacity_gaps_addressed: ["skills-training", "institutional-coordination"],
        support_modalities: ["training", "data-tools"],
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        consent_to_publish: true,
      },
      {
        title: "Training of labour and welfare attachés on case referral to home-country services",
        summary: "Attachés abroad often lose track of workers once they are repatriated. A two-day training and a shared referral form would let attachés hand cases over to home-country services and to NGOs before the worker lands.",
        gcm_objectives: ["gcm-14", "gcm-21"],
        governance_levels: ["national", "global"],
        support_modalities: ["training"],
        start_readiness: "needs_funding_first",
        consent_to_publish: false,
      },
    ],
    offer: {
      modalities: ["training", "technical-assistance"],
      objectives: ["gcm-03", "gcm-21"],
      description: "We can train NGOs and local governments in other countries of origin in Asia on pre-departure orientation and reintegration case management, and share our materials under an open licence.",
    },
  },
  {
    key: "pacific-migrant-welfare",
    attribution: "aggregate_only",
    focus: "We support seasonal and temporary workers from Pacific island communities and the families they leave behind.",
    regions: ["m49-054", "m49-061", "m49-053"],
    levels: ["local"],
    proposals: [
      {
        title: "Family support hubs in communities sending seasonal workers",
        summary: "When parents leave for seasonal work in Australia and New Zealand, children and older relatives at home face gaps in care, and remittances are often spent before the season ends. Village hubs run with churches and district councils would offer childcare referral, household budgeting sessions and a phone line to absent workers.",
        gcm_objectives: ["gcm-07", "gcm-19"],
        guiding_principles: ["child-sensitive", "gender-responsive", "whole-of-society"],
        governance_levels: ["local"],
        partners_involved: ["local_authority", "regional_organisation"],
        partners_named: "District councils in Fiji and Tonga; Moana Regional Labour Mobility Secretariat.",
        beneficiaries: "Families of about 1,200 seasonal workers in 20 villages.",
        capacity_gaps_addressed: ["financing", "institutional-coordination"],
        support_modalities: ["funding", "technical-assistance"],
        timeline: "three_to_five_years",
        start_readiness: "needs_funding_first",
        consent_to_publish: false,
      },
    ],
  },
  {
    key: "passerelles-haiti-quebec",
    attribution: "attributable",
    focus: "Le Réseau rassemble des professionnels d’origine haïtienne établis au Québec pour mettre leurs compétences au service d’Haïti et faciliter l’intégration professionnelle des nouveaux arrivants.",
    regions: ["m49-021", "m49-029"],
    levels: ["local", "national"],
    role: "Président du conseil d’administration",
    proposals: [
      {
        title: "Missions courtes de transfert de compétences de soignants de la diaspora vers les hôpitaux départementaux d’Haïti",
        summary: "Les hôpitaux départementaux manquent de spécialistes et de formateurs. Le Réseau organisera des missions de deux à six semaines de médecins, infirmières et techniciens de la diaspora, centrées sur la formation du personnel local (urgences, obstétrique, maintenance biomédicale) plutôt que sur la prestation de soins, avec un suivi à distance entre les missions.",
        gcm_objectives: ["gcm-19", "gcm-18"],
        guiding_principles: ["sustainable-development", "international-cooperation"],
        governance_levels: ["national", "global"],
        partners_involved: ["state", "academia", "diaspora"],
        partners_named: "Ministère de la Santé publique d’Haïti, deux facultés de sciences infirmières, associations de la diaspora haïtienne à Montréal et à Boston.",
        capacity_built: "Compétences cliniques et pédagogiques de 150 soignants locaux ; un noyau de 20 formateurs haïtiens capables de prendre le relais.",
        beneficiaries: "Personnel et patients de quatre hôpitaux départementaux.",
        capacity_gaps_addressed: ["skills-training"],
        support_modalities: ["peer-exchange", "training", "funding"],
        resources_needed: "Prise en charge des billets d’avion et de l’assurance des volontaires ; reconnaissance des missions par les ordres professionnels comme formation continue.",
        resources_offered: "Plus de 300 professionnels volontaires inscrits dans notre base et une coordination bénévole.",
        timeline: "three_to_five_years",
        start_readiness: "ready_now",
        indicators: "Nombre de missions et de jours de formation ; nombre de formateurs haïtiens certifiés ; évolution d’indicateurs hospitaliers choisis avec chaque établissement.",
        consent_to_publish: true,
      },
      {
        title: "Guide pratique de reconnaissance des diplômes haïtiens auprès des ordres professionnels québécois",
        summary: "Les nouveaux arrivants perdent des années à comprendre les démarches de reconnaissance. Nous proposons un guide par profession, rédigé avec les ordres professionnels, et des ateliers mensuels animés par des pairs qui ont déjà obtenu leur permis.",
        gcm_objectives: ["gcm-18", "gcm-16"],
        guiding_principles: ["people-centred", "whole-of-society"],
        governance_levels: ["local"],
        capacity_gaps_addressed: ["law-policy", "skills-training"],
        support_modalities: ["peer-exchange", "data-tools"],
        timeline: "under_1_year",
        start_readiness: "within_6_months",
        consent_to_publish: true,
      },
    ],
    offer: {
      modalities: ["peer-exchange", "training"],
      objectives: ["gcm-19"],
      description: "Nous pouvons conseiller d’autres diasporas sur l’organisation de missions de transfert de compétences (sélection, assurance, suivi) et partager nos outils.",
    },
    marrakech: "Créer un mécanisme de reconnaissance des missions de la diaspora par les pays d’origine (visas de service, assurance, validation des acquis).",
  },
  {
    key: "somali-nordic-professionals",
    attribution: "non_attributable",
    focus: "We connect Somali professionals in the Nordic countries with public institutions in Somalia and with young people of Somali origin in Finland, Sweden and Norway.",
    regions: ["m49-154", "m49-014"],
    levels: ["local", "national", "regional"],
    role: "Programme Manager",
    proposals: [
      {
        title: "Diaspora expert secondments to local administrations in Somalia",
        summary: "Municipal and regional administrations lack planners, accountants and engineers. We propose short secondments (one to six months) of diaspora professionals who pair with a local counterpart and leave behind procedures and trained staff, with remote mentoring between assignments.",
        gcm_objectives: ["gcm-19", "gcm-18", "gcm-23"],
        guiding_principles: ["sustainable-development", "international-cooperation"],
        governance_levels: ["local", "national"],
        partners_involved: ["state", "local_authority"],
        partners_named: "Two municipal administrations and a federal member state ministry of planning; a Finnish municipality as host of counterparts’ study visits.",
        capacity_built: "Public financial management and urban planning skills of counterparts in two municipalities.",
        capacity_gaps_addressed: ["skills-training", "institutional-coordination"],
        support_modalities: ["peer-exchange", "technical-assistance"],
        timeline: "one_to_two_years",
        start_readiness: "needs_funding_first",
        indicators: "Number of secondments completed; procedures adopted by host administrations; counterparts still in post after a year.",
        consent_to_publish: true,
      },
      {
        title: "Mentoring for young Somali-Nordic graduates entering public service",
        summary: "Graduates of Somali origin are under-represented in Nordic public administrations. Twelve-month mentoring pairs with senior civil servants, plus internships in municipalities, would open careers and make services more representative of the people they serve.",
        gcm_objectives: ["gcm-16", "gcm-17"],
        guiding_principles: ["whole-of-society", "people-centred"],
        governance_levels: ["local", "national"],
        support_modalities: ["training"],
        timeline: "one_to_two_years",
        start_readiness: "ready_now",
        consent_to_publish: false,
      },
    ],
  },
  {
    key: "red-cuscatlan-talento",
    attribution: "attributable",
    focus: "Somos una red de profesionales salvadoreños en Estados Unidos que aporta conocimientos técnicos e inversión a los municipios de origen.",
    regions: ["m49-021", "m49-013"],
    levels: ["local", "national"],
    role: "Coordinador general",
    proposals: [
      {
        title: "Voluntariado técnico de la diáspora salvadoreña con municipios de origen",
        summary: "Los municipios pequeños no pueden contratar ingenieros, contadores ni especialistas en proyectos. Proponemos un programa en el que profesionales de la diáspora prestan asesoría técnica a distancia y en visitas cortas, con un funcionario municipal como contraparte, para que los conocimientos queden en el municipio.",
        gcm_objectives: ["gcm-19", "gcm-18"],
        guiding_principles: ["sustainable-development", "whole-of-society"],
        governance_levels: ["local", "global"],
        partners_involved: ["local_authority", "state"],
        partners_named: "Diez alcaldías de los departamentos de La Unión, Morazán y San Miguel; Viceministerio para los Salvadoreños en el Exterior.",
        capacity_gaps_addressed: ["skills-training"],
        support_modalities: ["peer-exchange", "technical-assistance"],
        timeline: "one_to_two_years",
        start_readiness: "ready_now",
        indicators: "Horas de asesoría prestadas; proyectos municipales formulados con apoyo de la diáspora; proyectos que obtienen financiación.",
        consent_to_publish: true,
      },
      {
        title: "Fondo de coinversión diáspora–municipios para proyectos productivos",
        summary: "Un fondo en el que cada dólar aportado por asociaciones de la diáspora se complementa con fondos municipales y de la cooperación, para financiar proyectos productivos seleccionados por comités mixtos con reglas transparentes.",
        gcm_objectives: ["gcm-19", "gcm-20"],
        guiding_principles: ["sustainable-development"],
        governance_levels: ["local", "national"],
        partners_involved: ["local_authority", "private_sector"],
        partners_named: "Alcaldías participantes y dos cooperativas de ahorro y crédito.",
        capacity_gaps_addressed: ["financing", "institutional-coordination"],
        support_modalities: ["funding", "technical-assistance"],
        resources_offered: "Compromiso de aportar 150 000 dólares de las asociaciones miembro durante tres años.",
        timeline: "three_to_five_years",
        start_readiness: "needs_funding_first",
        consent_to_publish: true,
      },
      {
        title: "Talleres sobre el costo real de enviar remesas para familias salvadoreñas",
        summary: "Muchas familias pagan comisiones y márgenes de cambio altos sin saberlo. Proponemos talleres en consulados y asociaciones en Estados Unidos, y en los municipios de origen, con una calculadora sencilla para comparar proveedores.",
        gcm_objectives: ["gcm-20"],
        governance_levels: ["local"],
        support_modalities: ["training", "data-tools"],
        timeline: "under_1_year",
        start_readiness: "within_6_months",
        consent_to_publish: false,
      },
    ],
    offer: {
      modalities: ["technical-assistance", "peer-exchange"],
      objectives: ["gcm-19"],
      description: "Asesoría a otras diásporas latinoamericanas para organizar redes de profesionales y fondos de coinversión con sus municipios de origen.",
    },
  },
  {
    key: "lakbay-care-workers",
    attribution: "non_attributable",
    focus: "A self-help organisation run by and for migrant domestic workers in Hong Kong, mostly from the Philippines and Indonesia.",
    regions: ["m49-030", "m49-035"],
    levels: ["local", "regional"],
    role: "Chairperson",
    proposals: [
      {
        title: "Worker-reported recruitment fee tracker for domestic workers",
        summary: "Domestic workers routinely pay illegal placement fees and loan repayments that nobody records. We propose a simple multilingual mobile form where workers report anonymously what they paid, to whom and in which country, with results published every quarter by agency and corridor and shared with labour authorities of both origin and destination.",
        gcm_objectives: ["gcm-06", "gcm-01"],
        guiding_principles: ["human-rights", "gender-responsive", "people-centred"],
        governance_levels: ["local", "regional"],
        partners_involved: ["trade_union", "academia", "ngo"],
        partners_named: "Himalaya–Gulf Construction Workers’ Federation (to share the tool across corridors), Harbourlight Migrant Assistance Trust, a university data team in Hong Kong.",
        capacity_built: "Migrant workers’ own capacity to document abuse; labour inspectors receive evidence they can act on.",
        beneficiaries: "Migrant domestic workers in Hong Kong, and future workers who choose agencies based on the published data.",
        capacity_gaps_addressed: ["data-evidence", "infrastructure-technology"],
        support_modalities: ["data-tools", "funding"],
        resources_needed: "Development of the app and secure hosting; a data protection review.",
        resources_offered: "Our network of 2,500 members and volunteer translators.",
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        indicators: "Number of reports; number of agencies named; cases referred to authorities and their outcome.",
        consent_to_publish: true,
      },
      {
        title: "Peer paralegal training for migrant domestic workers",
        summary: "Thirty experienced members trained as paralegals would help others read contracts, calculate underpayments and file claims at the labour tribunal, on their days off and in their languages.",
        gcm_objectives: ["gcm-06", "gcm-07"],
        guiding_principles: ["human-rights", "rule-of-law"],
        governance_levels: ["local"],
        partners_involved: ["ngo"],
        partners_named: "A legal aid clinic in Hong Kong.",
        capacity_gaps_addressed: ["skills-training"],
        support_modalities: ["training"],
        timeline: "under_1_year",
        start_readiness: "ready_now",
        consent_to_publish: true,
      },
    ],
    offer: false,
    marrakech: "Migrant domestic workers must be at the table when fair recruitment is monitored. Please say so in Marrakech.",
  },
  {
    key: "horizons-partages",
    attribution: "aggregate_only",
    focus: "Collectif de migrants d’Afrique subsaharienne installés au Maroc, qui accompagne les nouveaux arrivants dans l’accès aux soins, aux papiers et à l’emploi.",
    regions: ["m49-015", "m49-011"],
    levels: ["local"],
    proposals: [
      {
        title: "Médiateurs communautaires migrants dans les centres de santé de quartier",
        summary: "Les migrants renoncent aux soins faute de comprendre le fonctionnement des centres de santé, et le personnel manque de repères. Des médiateurs issus des communautés, formés et rémunérés, feraient le lien dans six centres de santé de Rabat, Casablanca et Tanger.",
        gcm_objectives: ["gcm-15", "gcm-16"],
        guiding_principles: ["people-centred", "human-rights"],
        governance_levels: ["local"],
        partners_involved: ["state", "local_authority"],
        partners_named: "Délégations préfectorales de la santé et trois arrondissements.",
        capacity_gaps_addressed: ["skills-training", "financing"],
        support_modalities: ["training", "funding"],
        timeline: "one_to_two_years",
        start_readiness: "needs_funding_first",
        consent_to_publish: false,
      },
      {
        title: "Permanences juridiques tenues par des pairs pour les démarches de séjour",
        summary: "Des permanences hebdomadaires animées par des membres formés aideraient les personnes à constituer leurs dossiers de titre de séjour et à obtenir les documents d’état civil de leur pays d’origine auprès des consulats.",
        gcm_objectives: ["gcm-04", "gcm-07", "gcm-14"],
        governance_levels: ["local", "national"],
        support_modalities: ["training", "technical-assistance"],
        consent_to_publish: false,
      },
    ],
  },
  {
    key: "colectivo-tierra-nueva",
    attribution: "attributable",
    focus: "Organización de personas migrantes venezolanas, haitianas y colombianas en Santiago y Antofagasta que promueve su participación ciudadana y su inserción laboral.",
    regions: ["m49-005", "m49-029"],
    levels: ["local", "national"],
    role: "Vocera",
    proposals: [
      {
        title: "Escuela de liderazgo migrante para la participación en consejos comunales",
        summary: "Las personas migrantes casi no participan en los espacios de decisión local. Una escuela de seis meses formará a 60 líderes en funcionamiento municipal, presupuesto participativo y vocería, en alianza con cuatro municipios que abrirán cupos en sus consejos consultivos.",
        gcm_objectives: ["gcm-16", "gcm-17"],
        guiding_principles: ["whole-of-society", "gender-responsive"],
        governance_levels: ["local"],
        partners_involved: ["local_authority", "academia"],
        partners_named: "Cuatro municipalidades de la Región Metropolitana y un centro universitario de formación ciudadana.",
        capacity_gaps_addressed: ["skills-training", "institutional-coordination"],
        support_modalities: ["training", "peer-exchange"],
        timeline: "one_to_two_years",
        start_readiness: "ready_now",
        indicators: "Líderes egresados; personas migrantes integradas en consejos comunales; iniciativas presentadas por ellas.",
        consent_to_publish: true,
      },
      {
        title: "Mesas de convalidación de títulos para profesionales venezolanos y haitianos",
        summary: "Médicos, docentes e ingenieros migrantes trabajan en empleos no calificados porque la convalidación es larga y costosa. Proponemos mesas de trabajo con universidades y el ministerio para simplificar los requisitos, aceptar documentos alternativos cuando no se pueden apostillar y acompañar a los postulantes.",
        gcm_objectives: ["gcm-18", "gcm-04"],
        guiding_principles: ["people-centred", "whole-of-government"],
        governance_levels: ["national"],
        partners_involved: ["state", "academia"],
        capacity_gaps_addressed: ["law-policy"],
        support_modalities: ["technical-assistance"],
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        consent_to_publish: true,
      },
    ],
    offer: {
      modalities: ["peer-exchange"],
      objectives: ["gcm-16"],
      description: "Podemos compartir el modelo de escuela de liderazgo con organizaciones migrantes de otros países de América del Sur.",
    },
  },
  {
    key: "kilimani-migration-data",
    attribution: "attributable",
    focus: "An independent research centre that produces and analyses migration data in East Africa and trains statisticians and policy analysts.",
    regions: ["m49-014", "m49-202"],
    levels: ["national", "regional"],
    role: "Head of Research",
    proposals: [
      {
        title: "South-South peer exchange on labour migration statistics for East African statistics offices",
        summary: "Few national statistics offices in the region measure labour emigration, and those that do use different definitions. We propose a two-year peer exchange among five national statistics offices, with offices from Asia that already run labour migration modules as mentors: joint workshops, staff exchanges, and a common module for labour force surveys aligned with international guidelines.",
        gcm_objectives: ["gcm-01", "gcm-06", "gcm-23"],
        guiding_principles: ["international-cooperation", "sustainable-development"],
        governance_levels: ["national", "regional"],
        partners_involved: ["state", "un_entity", "academia"],
        partners_named: "Five national statistics offices of East Africa; United Nations Inter-Agency Facility for Migration Statistics; Laboratoire d’études sur les mobilités ouest-africaines (LEMOA) for the francophone materials.",
        capacity_built: "Skills of 40 statisticians; a tested survey module; first comparable estimates of labour emigration for five countries.",
        beneficiaries: "National statistics offices and labour ministries; ultimately migrant workers, through policies based on evidence.",
        capacity_gaps_addressed: ["data-evidence", "skills-training"],
        support_modalities: ["peer-exchange", "training", "data-tools"],
        resources_needed: "Travel for staff exchanges and co-financing of the survey module in two pilot countries.",
        resources_offered: "Our trainers, our methodological notes and data processing support.",
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        indicators: "Number of offices that field the module; publication of comparable estimates; staff trained and retained.",
        consent_to_publish: true,
      },
      {
        title: "Open curriculum on migration data for national statistics trainers",
        summary: "A modular, openly licensed curriculum (sources, definitions, survey design, administrative data, disclosure control) for training institutes of statistics offices, in English and French.",
        gcm_objectives: ["gcm-01"],
        guiding_principles: ["international-cooperation"],
        governance_levels: ["national", "global"],
        capacity_gaps_addressed: ["skills-training", "data-evidence"],
        support_modalities: ["training", "data-tools"],
        timeline: "under_1_year",
        start_readiness: "ready_now",
        consent_to_publish: true,
      },
    ],
    offer: {
      modalities: ["training", "data-tools", "technical-assistance"],
      objectives: ["gcm-01"],
      description: "Training and methodological support to statistics offices and ministries in Africa on measuring migration, in particular labour migration and return.",
    },
    marrakech: "Make data capacity a first priority of the capacity-building mechanism: without data, progress on the other objectives cannot be reviewed.",
  },
  {
    key: "lemoa-dakar",
    attribution: "non_attributable",
    focus: "Laboratoire universitaire de recherche sur les migrations en Afrique de l’Ouest, qui forme des chercheurs et accompagne les administrations dans la production de données.",
    regions: ["m49-011"],
    levels: ["national", "regional"],
    role: "Directeur du laboratoire",
    proposals: [
      {
        title: "Échange Sud-Sud entre instituts nationaux de statistique sur la mesure des migrations de travail",
        summary: "Les instituts de statistique d’Afrique de l’Ouest mesurent mal les départs pour le travail et les retours. Nous proposons un programme d’échanges entre pairs réunissant quatre instituts de la région et des homologues d’Amérique latine, pour harmoniser les définitions, tester un module commun dans les enquêtes emploi et former les équipes à l’exploitation des données administratives.",
        gcm_objectives: ["gcm-01", "gcm-23"],
        guiding_principles: ["international-cooperation"],
        governance_levels: ["national", "regional"],
        partners_involved: ["state", "academia", "regional_organisation"],
        partners_named: "Instituts nationaux de statistique du Sénégal, du Mali, de la Guinée et de la Côte d’Ivoire ; Kilimani Centre for Migration Data.",
        capacity_gaps_addressed: ["data-evidence", "skills-training"],
        support_modalities: ["peer-exchange", "training"],
        timeline: "one_to_two_years",
        start_readiness: "needs_funding_first",
        consent_to_publish: true,
      },
      {
        title: "Observatoire des retours et de la réintégration au Sénégal et en Guinée",
        summary: "Un suivi longitudinal de 1 500 personnes de retour, sur trois ans, pour comprendre ce qui rend la réintégration durable et éclairer les programmes d’appui.",
        gcm_objectives: ["gcm-21", "gcm-01"],
        guiding_principles: ["people-centred", "sustainable-development"],
        governance_levels: ["national"],
        capacity_gaps_addressed: ["data-evidence"],
        support_modalities: ["funding", "data-tools"],
        timeline: "three_to_five_years",
        start_readiness: "needs_funding_first",
        indicators: "Taux de suivi de l’échantillon ; notes d’analyse publiées ; usages documentés par les programmes de réintégration.",
        consent_to_publish: false,
      },
    ],
    offer: {
      modalities: ["training", "technical-assistance"],
      objectives: ["gcm-01", "gcm-21"],
      description: "Formations en méthodes d’enquête sur les migrations, en français, pour les administrations et les organisations de la société civile d’Afrique de l’Ouest et centrale.",
    },
  },
  {
    key: "instituto-chakana",
    attribution: "attributable",
    focus: "Centro de investigación y formación sobre movilidad humana en los países andinos, con énfasis en gobiernos locales y pueblos indígenas.",
    regions: ["m49-005"],
    levels: ["local", "national", "regional"],
    role: "Coordinadora académica",
    proposals: [
      {
        title: "Diplomado en gobernanza migratoria para funcionarios municipales andinos",
        summary: "Los municipios andinos reciben cada vez más personas migrantes sin formación para planificar servicios. Un diplomado semipresencial de cinco meses, con casos prácticos de Bolivia, Perú y Ecuador, formaría a 90 funcionarios por cohorte en derechos, acceso a servicios, registro y coordinación con el nivel nacional.",
        gcm_objectives: ["gcm-15", "gcm-16", "gcm-23"],
        guiding_principles: ["whole-of-government", "human-rights"],
        governance_levels: ["local", "regional"],
        partners_involved: ["local_authority", "academia"],
        partners_named: "Asociaciones de municipios de Bolivia y Perú; dos universidades públicas.",
        capacity_gaps_addressed: ["skills-training"],
        support_modalities: ["training"],
        timeline: "one_to_two_years",
        start_readiness: "ready_now",
        indicators: "Funcionarios certificados; planes municipales que incorporan a la población migrante.",
        consent_to_publish: true,
      },
      {
        title: "Módulo comparable de migración en las encuestas de hogares de tres países andinos",
        summary: "Proponemos diseñar con los institutos de estadística un módulo común de preguntas sobre migración y remesas, para producir por primera vez cifras comparables entre países vecinos.",
        gcm_objectives: ["gcm-01"],
        guiding_principles: ["international-cooperation"],
        governance_levels: ["national", "regional"],
        partners_involved: ["state", "regional_organisation"],
        capacity_gaps_addressed: ["data-evidence"],
        support_modalities: ["technical-assistance", "data-tools"],
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        consent_to_publish: true,
      },
    ],
    offer: {
      modalities: ["training"],
      objectives: ["gcm-15", "gcm-16"],
      description: "Cupos en nuestro diplomado para funcionarios de otros países de América Latina y adaptación de los materiales.",
    },
  },
  {
    key: "remesalia-digital",
    attribution: "non_attributable",
    focus: "Empresa guatemalteca de pagos digitales que ofrece envíos y recepción de remesas por teléfono móvil en zonas rurales.",
    regions: ["m49-013", "m49-021"],
    levels: ["national"],
    role: "Gerente de Alianzas",
    proposals: [
      {
        title: "Campaña de educación financiera sobre el costo real de las remesas en el corredor Estados Unidos–Guatemala",
        summary: "Las familias comparan solo la comisión y no el tipo de cambio aplicado, que suele ser el costo mayor. Proponemos una campaña por radio comunitaria, redes sociales y puntos de pago, en español y en tres idiomas mayas, con una calculadora que muestra el costo total de enviar 200 dólares con cada proveedor, financiada en conjunto por empresas de remesas y la banca pública.",
        gcm_objectives: ["gcm-20"],
        guiding_principles: ["people-centred", "sustainable-development"],
        governance_levels: ["national"],
        partners_involved: ["private_sector", "state", "international_organisation"],
        partners_named: "Superintendencia de bancos, dos cooperativas rurales e International Centre for Remittance Transparency (datos de precios).",
        beneficiaries: "Hogares receptores de remesas en el occidente del país, en particular mujeres jefas de hogar.",
        capacity_gaps_addressed: ["data-evidence", "skills-training"],
        support_modalities: ["training", "data-tools"],
        resources_offered: "Espacios en nuestra aplicación y en 800 puntos de pago, y datos de precios anonimizados.",
        timeline: "under_1_year",
        start_readiness: "ready_now",
        indicators: "Alcance de la campaña; variación del costo medio pagado por los usuarios; aumento de la participación de canales de bajo costo.",
        consent_to_publish: true,
      },
      {
        title: "Cuentas de ahorro vinculadas a remesas para mujeres rurales",
        summary: "Un producto de ahorro sin costo de apertura, en el que una parte de cada remesa recibida se destina voluntariamente a una cuenta a nombre de la mujer receptora, con acompañamiento de cooperativas locales.",
        gcm_objectives: ["gcm-20", "gcm-19"],
        guiding_principles: ["gender-responsive"],
        governance_levels: ["local", "national"],
        support_modalities: ["technical-assistance"],
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        consent_to_publish: false,
      },
    ],
    offer: false,
  },
  {
    key: "meridian-ethical-staffing",
    attribution: "aggregate_only",
    focus: "A council of employers and staffing firms in the Gulf committed to ethical recruitment of migrant workers.",
    regions: ["m49-145", "m49-034"],
    levels: ["national", "regional"],
    proposals: [
      {
        title: "Employer-pays pilot with independently audited recruitment agencies",
        summary: "Member companies would commit to pay all recruitment costs for 5,000 workers hired from Nepal and Bangladesh over two years, using only agencies that pass an independent audit, and would reimburse any fee that workers report. A shared due-diligence checklist and audit results would be made available to other employers.",
        gcm_objectives: ["gcm-06"],
        guiding_principles: ["human-rights", "whole-of-society"],
        governance_levels: ["national", "regional"],
        partners_involved: ["trade_union", "state", "private_sector"],
        partners_named: "Himalaya–Gulf Construction Workers’ Federation for worker verification; labour ministries of destination and origin.",
        capacity_gaps_addressed: ["law-policy", "data-evidence"],
        support_modalities: ["technical-assistance", "data-tools"],
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        indicators: "Share of workers who report having paid no fee; fees reimbursed; agencies audited and delisted.",
        consent_to_publish: false,
      },
    ],
  },
  {
    key: "employeurs-mobilite-equitable",
    attribution: "attributable",
    focus: "Le Groupement réunit des entreprises agro-industrielles et de services de Côte d’Ivoire engagées pour un recrutement équitable et l’insertion professionnelle des migrants et des jeunes de retour.",
    regions: ["m49-011"],
    levels: ["national", "regional"],
    migrantLed: false,
    role: "Secrétaire exécutif",
    proposals: [
      {
        title: "Apprentissage en alternance pour les jeunes de retour dans les filières agro-industrielles",
        summary: "Beaucoup de jeunes revenus de Libye ou du Maghreb n’ont ni qualification reconnue ni réseau. Vingt entreprises du Groupement accueilleront 300 apprentis par an en alternance (cacao, anacarde, logistique), avec des centres de formation professionnelle qui certifieront les compétences acquises.",
        gcm_objectives: ["gcm-18", "gcm-21"],
        guiding_principles: ["sustainable-development", "whole-of-society"],
        governance_levels: ["national"],
        partners_involved: ["state", "un_entity", "private_sector"],
        partners_named: "Agence nationale de la formation professionnelle ; Bureau conjoint des Nations Unies pour la mobilité et le développement au Sahel pour l’orientation des jeunes.",
        capacity_built: "Des parcours certifiants adaptés aux besoins des entreprises ; des tuteurs d’entreprise formés.",
        capacity_gaps_addressed: ["skills-training", "financing"],
        support_modalities: ["training", "funding"],
        resources_offered: "Places d’apprentissage, tuteurs et prise en charge de 50 % de l’indemnité des apprentis.",
        timeline: "three_to_five_years",
        start_readiness: "within_6_months",
        indicators: "Nombre d’apprentis certifiés ; taux d’emploi à 12 mois.",
        consent_to_publish: true,
      },
      {
        title: "Charte des employeurs pour le recrutement équitable des travailleurs de la sous-région",
        summary: "Une charte volontaire, assortie d’un guide et d’un mécanisme de plainte, par laquelle les entreprises signataires s’engagent à ne faire payer aucun frais de recrutement aux travailleurs venus des pays voisins et à leur remettre un contrat écrit dans une langue qu’ils comprennent.",
        gcm_objectives: ["gcm-06", "gcm-05"],
        guiding_principles: ["human-rights"],
        governance_levels: ["national", "regional"],
        partners_involved: ["trade_union"],
        partners_named: "Intersyndicale du corridor Abidjan–Lagos.",
        capacity_gaps_addressed: ["law-policy"],
        support_modalities: ["technical-assistance"],
        timeline: "under_1_year",
        start_readiness: "ready_now",
        consent_to_publish: true,
      },
    ],
    offer: {
      modalities: ["peer-exchange"],
      objectives: ["gcm-06", "gcm-18"],
      description: "Partage de notre expérience de charte et d’apprentissage avec des organisations d’employeurs d’autres pays de la sous-région.",
    },
  },
  {
    key: "intersyndicale-corridor",
    attribution: "attributable",
    focus: "L’Intersyndicale fédère des syndicats de transporteurs, de commerçants et de travailleurs agricoles de cinq pays le long du corridor Abidjan–Lagos.",
    regions: ["m49-011"],
    levels: ["local", "regional"],
    role: "Secrétaire général",
    proposals: [
      {
        title: "Points syndicaux d’information aux postes frontières du corridor",
        summary: "Les travailleurs transfrontaliers ignorent souvent leurs droits à la libre circulation et subissent des paiements illicites aux frontières. Des points d’information tenus par des syndicalistes formés, à cinq postes frontières, renseigneraient sur les documents exigibles, les droits et les recours, et recueilleraient les signalements.",
        gcm_objectives: ["gcm-03", "gcm-06", "gcm-11"],
        guiding_principles: ["rule-of-law", "human-rights", "international-cooperation"],
        governance_levels: ["local", "regional"],
        partners_involved: ["state", "regional_organisation"],
        partners_named: "Services des douanes et de l’immigration des cinq pays ; commission de la communauté économique régionale.",
        capacity_gaps_addressed: ["skills-training", "institutional-coordination"],
        support_modalities: ["training", "funding"],
        timeline: "one_to_two_years",
        start_readiness: "needs_funding_first",
        indicators: "Nombre de travailleurs informés ; signalements transmis aux autorités ; évolution des paiements illicites signalés.",
        consent_to_publish: true,
      },
      {
        title: "Guide et plaidoyer pour la portabilité des droits à pension des travailleurs transfrontaliers",
        summary: "Les travailleurs qui ont cotisé dans plusieurs pays de la sous-région perdent leurs droits faute de coordination entre caisses. Nous produirons un guide pratique pour les travailleurs et un état des lieux des accords existants, afin d’appuyer la mise en œuvre de la convention régionale de sécurité sociale.",
        gcm_objectives: ["gcm-22"],
        guiding_principles: ["international-cooperation", "rule-of-law"],
        governance_levels: ["national", "regional"],
        capacity_gaps_addressed: ["law-policy", "institutional-coordination"],
        support_modalities: ["technical-assistance"],
        timeline: "under_1_year",
        start_readiness: "ready_now",
        consent_to_publish: true,
      },
    ],
    offer: false,
    marrakech: "Associer les syndicats au suivi du Pacte, en particulier pour l’objectif 6 et l’objectif 22.",
  },
  {
    key: "himalaya-gulf-workers",
    attribution: "non_attributable",
    focus: "A federation of construction and manufacturing workers’ unions in Nepal that organises workers before departure and supports them in Gulf countries and Malaysia.",
    regions: ["m49-034", "m49-145", "m49-035"],
    levels: ["national", "regional"],
    role: "Migrant Desk Coordinator",
    proposals: [
      {
        title: "Fair-recruitment monitoring tool: worker-reported fees on the Nepal–Gulf corridor",
        summary: "Despite the official free-visa, free-ticket policy, most workers still pay large fees to agents. Union volunteers at the airport and in districts would collect, through a short mobile questionnaire, what each worker paid and to whom; aggregated results by agency would be published and shared with the Department of Foreign Employment and with employers at destination, who could then blacklist agencies.",
        gcm_objectives: ["gcm-06", "gcm-01"],
        guiding_principles: ["human-rights", "rule-of-law"],
        governance_levels: ["national", "regional"],
        partners_involved: ["state", "private_sector", "migrant_led"],
        partners_named: "Department of Foreign Employment; Meridian Gulf Ethical Staffing Council; Lakbay Care Workers’ Circle (same approach for domestic workers).",
        capacity_built: "Union monitoring capacity; a public evidence base on recruitment fees.",
        capacity_gaps_addressed: ["data-evidence", "infrastructure-technology"],
        support_modalities: ["data-tools", "technical-assistance"],
        resources_needed: "Tablets, a data manager for two years and legal advice on data protection.",
        resources_offered: "120 trained union volunteers in 14 districts.",
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        indicators: "Number of workers surveyed; median fee paid by corridor and agency; agencies sanctioned.",
        consent_to_publish: true,
      },
      {
        title: "Heat-stress and occupational safety training for outgoing construction workers",
        summary: "A half-day practical module on heat stress, safety at height and how to report unsafe sites, added to the pre-departure orientation and delivered by union trainers who have worked in the Gulf.",
        gcm_objectives: ["gcm-06", "gcm-07", "gcm-03"],
        guiding_principles: ["people-centred"],
        governance_levels: ["national"],
        support_modalities: ["training"],
        timeline: "under_1_year",
        start_readiness: "ready_now",
        consent_to_publish: true,
      },
    ],
  },
  {
    key: "frente-jornaleros-binacional",
    attribution: "aggregate_only",
    focus: "Sindicato de trabajadores agrícolas costarricenses y nicaragüenses en las cosechas de café, caña y piña.",
    regions: ["m49-013"],
    levels: ["local", "national"],
    proposals: [
      {
        title: "Herramienta sindical de monitoreo de la contratación equitativa en las cosechas",
        summary: "Los intermediarios que reclutan jornaleros temporales en Nicaragua cobran cuotas y retienen documentos. Proponemos que delegados sindicales registren con un formulario sencillo en el teléfono los cobros y abusos que reportan los trabajadores, con informes por finca e intermediario que se entregarían a la inspección de trabajo.",
        gcm_objectives: ["gcm-06", "gcm-05"],
        guiding_principles: ["human-rights", "international-cooperation"],
        governance_levels: ["local", "national"],
        partners_involved: ["state"],
        partners_named: "Inspección de trabajo de Costa Rica.",
        capacity_gaps_addressed: ["data-evidence"],
        support_modalities: ["data-tools", "training"],
        timeline: "one_to_two_years",
        start_readiness: "needs_funding_first",
        consent_to_publish: false,
      },
      {
        title: "Afiliación transfronteriza a la seguridad social para trabajadores temporales",
        summary: "Los trabajadores temporales nicaragüenses cotizan en Costa Rica pero casi nunca pueden hacer valer esas cotizaciones al volver. Proponemos un acuerdo técnico entre las dos cajas de seguro social y jornadas de afiliación en fincas durante la cosecha.",
        gcm_objectives: ["gcm-22", "gcm-06"],
        guiding_principles: ["international-cooperation"],
        governance_levels: ["national", "regional"],
        support_modalities: ["technical-assistance"],
        timeline: "three_to_five_years",
        start_readiness: "within_6_months",
        consent_to_publish: true,
      },
    ],
  },
  {
    key: "hanse-cities-inclusion",
    attribution: "attributable",
    focus: "A network of twelve port cities around the North Sea and the Baltic that exchange practice on the reception and inclusion of newcomers.",
    regions: ["m49-154", "m49-155"],
    levels: ["local", "regional"],
    role: "Network Coordinator",
    proposals: [
      {
        title: "City-to-city peer network on one-stop inclusion services",
        summary: "Cities that opened one-stop welcome centres (registration, language courses, job counselling, housing advice under one roof) have learned a lot, often the hard way. We propose pairing six of our member cities with six cities in North Africa, West Africa and the Middle East that are planning similar services, for two years of staff exchanges, joint service design and shared indicators.",
        gcm_objectives: ["gcm-15", "gcm-16", "gcm-23"],
        guiding_principles: ["whole-of-society", "international-cooperation", "people-centred"],
        governance_levels: ["local", "global"],
        partners_involved: ["local_authority", "un_entity"],
        partners_named: "Réseau des villes méditerranéennes d’accueil (Tunisia), municipalities in Senegal and Jordan.",
        capacity_built: "Service design and case management skills of front-line municipal staff in twelve cities.",
        beneficiaries: "Newcomers using municipal services in twelve cities.",
        capacity_gaps_addressed: ["institutional-coordination", "skills-training"],
        support_modalities: ["peer-exchange", "technical-assistance"],
        resources_needed: "Travel and interpretation for exchanges; a small fund for pilot services in partner cities.",
        resources_offered: "Staff time of member cities and our exchange platform.",
        timeline: "one_to_two_years",
        start_readiness: "ready_now",
        indicators: "Number of staff exchanges; services launched or redesigned in partner cities; user satisfaction surveys.",
        consent_to_publish: true,
      },
      {
        title: "Municipal dashboard on newcomers’ access to services",
        summary: "An open-source dashboard that cities can fill with their own administrative data (registrations, course enrolments, job placements), with shared definitions so that cities can compare themselves and report on the Global Compact locally.",
        gcm_objectives: ["gcm-01", "gcm-15"],
        guiding_principles: ["whole-of-government"],
        governance_levels: ["local"],
        capacity_gaps_addressed: ["data-evidence", "infrastructure-technology"],
        support_modalities: ["data-tools"],
        timeline: "under_1_year",
        start_readiness: "within_6_months",
        consent_to_publish: true,
      },
    ],
    offer: {
      modalities: ["peer-exchange", "technical-assistance", "data-tools"],
      objectives: ["gcm-15", "gcm-16"],
      description: "Our member cities can host study visits and second staff for short periods to cities setting up one-stop inclusion services.",
    },
    marrakech: "Recognise cities as partners in implementing the Global Compact, with access to the capacity-building mechanism.",
  },
  {
    key: "villes-mediterraneennes-accueil",
    attribution: "non_attributable",
    focus: "Réseau de municipalités du Maghreb et d’Europe du Sud qui échangent sur l’accueil et l’inclusion des personnes migrantes.",
    regions: ["m49-015", "m49-039"],
    levels: ["local", "regional"],
    role: "Chargée de mission",
    proposals: [
      {
        title: "Jumelages entre villes des deux rives sur les guichets uniques d’accueil",
        summary: "Les villes du sud de la Méditerranée deviennent des villes d’installation sans disposer de services d’accueil. Des jumelages d’une durée de deux ans entre villes qui ont ouvert des guichets uniques et villes qui veulent le faire permettraient des échanges d’agents, la co-conception des services et un suivi commun.",
        gcm_objectives: ["gcm-15", "gcm-16", "gcm-23"],
        guiding_principles: ["whole-of-society", "international-cooperation"],
        governance_levels: ["local", "regional"],
        partners_involved: ["local_authority"],
        partners_named: "Hanse Cities Inclusion Network ; villes de Sfax, Sousse, Oujda et Marseille.",
        capacity_gaps_addressed: ["institutional-coordination", "skills-training"],
        support_modalities: ["peer-exchange"],
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        consent_to_publish: true,
      },
      {
        title: "Formation des élus locaux à la prévention des discours discriminatoires",
        summary: "Des ateliers pour les élus et les services de communication municipaux sur les faits et chiffres de la migration locale et sur la manière de répondre aux rumeurs.",
        gcm_objectives: ["gcm-17"],
        guiding_principles: ["human-rights"],
        governance_levels: ["local"],
        support_modalities: ["training"],
        timeline: "under_1_year",
        start_readiness: "ready_now",
        consent_to_publish: false,
      },
    ],
  },
  {
    key: "mancomunidad-frontera-oriental",
    attribution: "attributable",
    focus: "Asociación de municipios colombianos de la frontera con Venezuela que coordina la respuesta local a la llegada de población migrante y retornada.",
    regions: ["m49-005"],
    levels: ["local", "national"],
    role: "Secretaria técnica",
    proposals: [
      {
        title: "Registro municipal único de población migrante para planificar servicios",
        summary: "Los municipios no saben cuántas personas migrantes atienden ni qué necesitan. Proponemos un registro único compartido por los servicios de salud, educación y desarrollo social de ocho municipios, vinculado al registro nacional, con protección de datos personales.",
        gcm_objectives: ["gcm-01", "gcm-15", "gcm-04"],
        guiding_principles: ["whole-of-government", "rule-of-law"],
        governance_levels: ["local", "national"],
        partners_involved: ["state", "un_entity"],
        partners_named: "Autoridad migratoria nacional y departamento nacional de estadística.",
        capacity_gaps_addressed: ["data-evidence", "infrastructure-technology", "institutional-coordination"],
        support_modalities: ["technical-assistance", "data-tools", "funding"],
        timeline: "one_to_two_years",
        start_readiness: "needs_funding_first",
        indicators: "Municipios que usan el registro; planes sectoriales elaborados con sus datos.",
        consent_to_publish: true,
      },
      {
        title: "Hermanamiento con ciudades receptoras para compartir modelos de atención integral",
        summary: "Intercambios entre funcionarios de nuestros municipios y de ciudades de otros continentes con centros de atención integral a personas migrantes, para adaptar sus modelos a la frontera.",
        gcm_objectives: ["gcm-15", "gcm-16"],
        guiding_principles: ["international-cooperation"],
        governance_levels: ["local", "global"],
        partners_involved: ["local_authority"],
        partners_named: "Hanse Cities Inclusion Network; Réseau des villes méditerranéennes d’accueil.",
        support_modalities: ["peer-exchange"],
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        consent_to_publish: true,
      },
    ],
    offer: false,
  },
  {
    key: "remittance-transparency-centre",
    attribution: "non_attributable",
    focus: "An independent international organisation that monitors the cost of sending remittances and helps regulators and consumers make remittance markets transparent.",
    regions: ["m49-002", "m49-019", "m49-142", "m49-009"],
    levels: ["national", "global"],
    role: "Director, Consumer Programmes",
    proposals: [
      {
        title: "Remittance-cost literacy campaign with price comparison in ten high-cost corridors",
        summary: "In many corridors the average cost of sending 200 dollars is still far above the 3 per cent target of the Sustainable Development Goals, and senders rarely know the exchange-rate margin they pay. With regulators, consumer associations and diaspora groups in ten high-cost corridors, we would run campaigns in the senders’ languages and publish a neutral price comparison updated every quarter.",
        gcm_objectives: ["gcm-20"],
        guiding_principles: ["people-centred", "sustainable-development", "international-cooperation"],
        governance_levels: ["national", "global"],
        partners_involved: ["state", "private_sector", "diaspora"],
        partners_named: "Financial regulators of sending and receiving countries; Remesalia Digital (Guatemala); diaspora associations.",
        capacity_built: "Regulators’ capacity to collect and publish price data; consumers’ ability to compare total costs.",
        capacity_gaps_addressed: ["data-evidence", "skills-training"],
        support_modalities: ["data-tools", "training", "technical-assistance"],
        timeline: "three_to_five_years",
        start_readiness: "within_6_months",
        indicators: "Average total cost in the corridors covered; visits to the comparison tool; share of senders who know the total cost they pay.",
        consent_to_publish: true,
      },
      {
        title: "Peer exchange among regulators on opening payment infrastructure to remittance providers",
        summary: "Regulators who have allowed licensed non-bank providers to access national payment systems would share their rules and experience with regulators in five countries where the market is dominated by two or three operators.",
        gcm_objectives: ["gcm-20", "gcm-23"],
        guiding_principles: ["international-cooperation"],
        governance_levels: ["national", "global"],
        capacity_gaps_addressed: ["law-policy"],
        support_modalities: ["peer-exchange", "technical-assistance"],
        timeline: "one_to_two_years",
        start_readiness: "ready_now",
        consent_to_publish: true,
      },
    ],
    offer: {
      modalities: ["data-tools", "technical-assistance"],
      objectives: ["gcm-20"],
      description: "Price data collection methodology and support to regulators who want to publish remittance price comparisons.",
    },
  },
  {
    key: "agence-reconnaissance-competences",
    attribution: "attributable",
    focus: "Organisation internationale qui aide ses États membres à reconnaître mutuellement les qualifications et les compétences des travailleurs mobiles.",
    regions: ["m49-150", "m49-002"],
    levels: ["national", "global"],
    role: "Responsable des partenariats",
    proposals: [
      {
        title: "Cadre de référence commun pour la reconnaissance des compétences acquises hors du système formel",
        summary: "La plupart des travailleurs migrants ont appris leur métier sur le tas et n’ont aucun diplôme. Nous proposons d’élaborer, avec des pays d’origine et de destination, un cadre de référence commun pour dix métiers très demandés (bâtiment, soins, hôtellerie), avec des outils d’évaluation pratique que les centres de formation pourront utiliser des deux côtés.",
        gcm_objectives: ["gcm-18", "gcm-05"],
        guiding_principles: ["international-cooperation", "sustainable-development"],
        governance_levels: ["national", "global"],
        partners_involved: ["state", "private_sector", "trade_union"],
        partners_named: "Autorités nationales de certification de six pays ; Groupement ivoirien des employeurs pour la mobilité équitable.",
        capacity_gaps_addressed: ["law-policy", "skills-training"],
        support_modalities: ["technical-assistance", "peer-exchange"],
        timeline: "three_to_five_years",
        start_readiness: "within_6_months",
        indicators: "Nombre de référentiels adoptés ; travailleurs évalués et certifiés ; accords de reconnaissance signés.",
        consent_to_publish: true,
      },
      {
        title: "Passeport numérique de compétences pour les travailleurs saisonniers",
        summary: "Un document numérique, détenu par le travailleur, qui enregistre les compétences validées lors de chaque saison de travail et peut être présenté aux employeurs suivants.",
        gcm_objectives: ["gcm-18"],
        governance_levels: ["global"],
        support_modalities: ["data-tools"],
        start_readiness: "needs_funding_first",
        consent_to_publish: false,
      },
    ],
    offer: {
      modalities: ["technical-assistance", "training"],
      objectives: ["gcm-18"],
      description: "Assistance technique aux autorités nationales de certification pour la conception de dispositifs de validation des acquis de l’expérience ouverts aux travailleurs migrants.",
    },
  },
  {
    key: "secretaria-cono-sur-movilidad",
    attribution: "attributable",
    focus: "Organismo regional que apoya a sus Estados miembros en la armonización de políticas de movilidad y residencia en el Cono Sur.",
    regions: ["m49-005"],
    levels: ["regional"],
    role: "Jefa de la Unidad de Movilidad",
    proposals: [
      {
        title: "Centro regional de datos sobre movilidad humana del Cono Sur",
        summary: "Los Estados de la región producen datos de entradas, residencias y permisos de trabajo con definiciones distintas y no los comparten. Proponemos un centro regional de datos que armonice definiciones, reciba los datos administrativos de cada país, publique un tablero común y forme a los equipos nacionales, para que la región pueda dar seguimiento a su acuerdo de residencia y al Pacto Mundial.",
        gcm_objectives: ["gcm-01", "gcm-23", "gcm-05"],
        guiding_principles: ["international-cooperation", "national-sovereignty"],
        governance_levels: ["national", "regional"],
        partners_involved: ["state", "un_entity", "academia"],
        partners_named: "Autoridades migratorias e institutos de estadística de los Estados miembros; United Nations Inter-Agency Facility for Migration Statistics.",
        capacity_built: "Capacidades de producción e intercambio de datos administrativos de los equipos nacionales.",
        capacity_gaps_addressed: ["data-evidence", "institutional-coordination", "infrastructure-technology"],
        support_modalities: ["data-tools", "technical-assistance", "peer-exchange"],
        resources_offered: "Sede, equipo técnico de tres personas y la plataforma informática existente.",
        timeline: "three_to_five_years",
        start_readiness: "within_6_months",
        indicators: "Países que transmiten datos; indicadores publicados en el tablero; uso del tablero en informes nacionales.",
        consent_to_publish: true,
      },
      {
        title: "Formación conjunta de funcionarios consulares en protección de nacionales en el exterior",
        summary: "Un curso regional anual para funcionarios consulares de los Estados miembros sobre asistencia a nacionales detenidos, víctimas de trata o en situación de vulnerabilidad, y sobre cooperación consular entre los países de la región.",
        gcm_objectives: ["gcm-14"],
        guiding_principles: ["international-cooperation", "human-rights"],
        governance_levels: ["regional"],
        capacity_gaps_addressed: ["skills-training"],
        support_modalities: ["training", "peer-exchange"],
        timeline: "more_than_five_years",
        start_readiness: "ready_now",
        consent_to_publish: true,
      },
    ],
    offer: {
      modalities: ["peer-exchange", "technical-assistance"],
      objectives: ["gcm-01", "gcm-05"],
      description: "Compartir la experiencia regional de acuerdos de residencia y de armonización de datos con otros organismos regionales.",
    },
    marrakech: "Reconocer el papel de los organismos regionales en la aplicación y el seguimiento del Pacto Mundial y en la recopilación de datos comparables.",
  },
  {
    key: "moana-labour-mobility",
    attribution: "non_attributable",
    focus: "A regional secretariat that supports Pacific island governments in managing labour mobility schemes and climate-related mobility.",
    regions: ["m49-054", "m49-057", "m49-061"],
    levels: ["national", "regional"],
    role: "Senior Adviser, Labour Mobility",
    proposals: [
      {
        title: "Pacific labour mobility data hub",
        summary: "Labour-sending ministries in the Pacific keep worker records on spreadsheets and cannot follow workers, earnings or returns across schemes. A regional data hub with a shared worker registration system, training of ministry staff and regular regional statistics would let governments manage the schemes and negotiate with destination countries on evidence.",
        gcm_objectives: ["gcm-01", "gcm-05"],
        guiding_principles: ["international-cooperation", "national-sovereignty"],
        governance_levels: ["national", "regional"],
        partners_involved: ["state", "ngo"],
        partners_named: "Labour ministries of participating island States; Coastal Pacific Migrant Welfare Association.",
        capacity_gaps_addressed: ["data-evidence", "infrastructure-technology"],
        support_modalities: ["data-tools", "technical-assistance", "funding"],
        timeline: "three_to_five_years",
        start_readiness: "needs_funding_first",
        consent_to_publish: true,
      },
      {
        title: "Planning support for atoll communities considering climate-related relocation",
        summary: "Communities on low-lying atolls are already discussing relocation. We propose participatory planning support, combining local governments, churches and national disaster offices, so that any movement is planned, voluntary and keeps communities together.",
        gcm_objectives: ["gcm-02", "gcm-05"],
        guiding_principles: ["people-centred", "sustainable-development", "whole-of-society"],
        governance_levels: ["local", "national", "regional"],
        capacity_gaps_addressed: ["law-policy", "institutional-coordination"],
        support_modalities: ["technical-assistance"],
        timeline: "more_than_five_years",
        start_readiness: "within_6_months",
        consent_to_publish: true,
      },
    ],
  },
  {
    key: "processus-de-kribi",
    attribution: "attributable",
    focus: "Processus consultatif régional informel qui réunit les États d’Afrique centrale sur les questions de mobilité, de gestion des frontières et de protection des migrants.",
    regions: ["m49-017"],
    levels: ["regional"],
    role: "Point focal du secrétariat technique",
    proposals: [
      {
        title: "Mécanisme régional d’appariement des besoins et des offres de renforcement des capacités",
        summary: "Les États du Processus ont des besoins de capacités qui se recoupent et certains disposent d’une expertise qu’ils pourraient partager. Nous proposons un mécanisme simple, tenu par le secrétariat technique : chaque État déclare ses besoins et ses offres selon les objectifs du Pacte, le secrétariat les met en relation et organise des missions d’experts entre États, en lien avec le futur mécanisme mondial de renforcement des capacités.",
        gcm_objectives: ["gcm-23"],
        guiding_principles: ["international-cooperation", "national-sovereignty", "whole-of-government"],
        governance_levels: ["national", "regional"],
        partners_involved: ["state", "international_organisation", "un_entity"],
        capacity_gaps_addressed: ["institutional-coordination", "financing"],
        support_modalities: ["peer-exchange", "technical-assistance"],
        timeline: "one_to_two_years",
        start_readiness: "within_6_months",
        indicators: "Nombre de besoins et d’offres déclarés ; appariements réalisés ; missions d’experts menées.",
        consent_to_publish: true,
      },
      {
        title: "Formation conjointe des agents frontaliers à l’identification des victimes de traite",
        summary: "Des sessions conjointes, aux frontières communes, pour les agents de police, de douane et des services sociaux de deux pays voisins, avec une procédure commune d’orientation des victimes.",
        gcm_objectives: ["gcm-10", "gcm-11"],
        guiding_principles: ["human-rights", "child-sensitive"],
        governance_levels: ["local", "regional"],
        support_modalities: ["training"],
        timeline: "one_to_two_years",
        consent_to_publish: false,
      },
    ],
    offer: false,
  },
  {
    key: "caspian-consultation",
    attribution: "aggregate_only",
    focus: "An informal regional consultative process of countries of origin and destination of labour migration around the Caspian Sea and in Central Asia.",
    regions: ["m49-143", "m49-151", "m49-145"],
    levels: ["national", "regional"],
    proposals: [
      {
        title: "Voluntary peer review of labour migration policies",
        summary: "Each year two participating States would volunteer for a review of their labour migration policies by a team of officials from two other States, with a short public report and a follow-up session a year later.",
        gcm_objectives: ["gcm-23", "gcm-05", "gcm-06"],
        guiding_principles: ["international-cooperation", "national-sovereignty"],
        governance_levels: ["national", "regional"],
        support_modalities: ["peer-exchange"],
        timeline: "more_than_five_years",
        start_readiness: "within_6_months",
        consent_to_publish: false,
      },
      {
        title: "Pre-departure and post-arrival information platform in five languages",
        summary: "A shared information platform and hotline, maintained by participating States, with verified information on entry rules, registration, work permits and help services, in the languages of the main countries of origin.",
        gcm_objectives: ["gcm-03"],
        guiding_principles: ["people-centred", "international-cooperation"],
        governance_levels: ["regional"],
        capacity_gaps_addressed: ["infrastructure-technology", "institutional-coordination"],
        support_modalities: ["data-tools", "funding"],
        timeline: "one_to_two_years",
        start_readiness: "needs_funding_first",
        consent_to_publish: true,
      },
    ],
  },
  {
    key: "un-migration-statistics-facility",
    attribution: "attributable",
    focus: "An inter-agency facility of the United Nations system that supports national statistical systems in producing migration data for policy and for reviewing the Global Compact.",
    regions: ["m49-002", "m49-019", "m49-142", "m49-150", "m49-009"],
    levels: ["national", "regional", "global"],
    role: "Statistician, Capacity Development",
    proposals: [
      {
        title: "Regional migration data hubs with peer exchange among national statistical offices",
        summary: "Capacity to produce migration data is uneven, and most support so far has been short, project-based training. We propose three regional hubs, hosted by regional institutions in Africa, Latin America and Asia, that would organise South-South peer exchange among national statistical offices on labour migration statistics, provide on-demand technical assistance, and maintain shared tools for survey modules and administrative data.",
        gcm_objectives: ["gcm-01", "gcm-23"],
        guiding_principles: ["international-cooperation", "national-sovereignty", "sustainable-development"],
        governance_levels: ["national", "regional", "global"],
        partners_involved: ["state", "regional_organisation", "academia"],
        partners_named: "Secretaría de Integración del Cono Sur para la Movilidad; Kilimani Centre for Migration Data; national statistical offices.",
        capacity_built: "Sustained capacity of national statistical offices to produce and disseminate migration statistics, including labour migration.",
        capacity_gaps_addressed: ["data-evidence", "skills-training", "institutional-coordination"],
        support_modalities: ["peer-exchange", "technical-assistance", "data-tools"],
        resources_needed: "Multi-year funding for hub staff; commitments of national statistical offices to release staff for exchanges.",
        resources_offered: "Methodological guidance, trainers and coordination across the UN system.",
        timeline: "three_to_five_years",
        start_readiness: "within_6_months",
        indicators: "Number of countries producing labour migration statistics; peer exchanges held; requests for assistance answered.",
        consent_to_publish: true,
      },
      {
        title: "Self-assessment tool for national capacity to implement and review the Global Compact",
        summary: "A short, practical self-assessment, organised by the 23 objectives, that a national coordination body can complete in a workshop to identify its capacity gaps and the data available to review progress. Results could feed requests to the capacity-building mechanism.",
        gcm_objectives: ["gcm-23", "gcm-01"],
        guiding_principles: ["whole-of-government", "national-sovereignty"],
        governance_levels: ["national"],
        capacity_gaps_addressed: ["institutional-coordination", "data-evidence"],
        support_modalities: ["data-tools", "technical-assistance"],
        timeline: "under_1_year",
        start_readiness: "ready_now",
        consent_to_publish: true,
      },
    ],
    offer: {
      modalities: ["technical-assistance", "training", "data-tools"],
      objectives: ["gcm-01", "gcm-23"],
      description: "Technical assistance to national statistical offices and GCM coordination bodies on migration data and on reviewing progress.",
    },
  },
  {
    key: "bureau-onu-mobilite-sahel",
    attribution: "non_attributable",
    focus: "Bureau conjoint de plusieurs entités des Nations Unies qui coordonne l’appui du système aux États du Sahel sur la mobilité, la réintégration et le développement.",
    regions: ["m49-011", "m49-015", "m49-017"],
    levels: ["national", "regional"],
    role: "Coordonnateur adjoint",
    proposals: [
      {
        title: "Fonds commun pour coordonner l’appui du système des Nations Unies à la mise en œuvre du Pacte au Sahel",
        summary: "L’appui des entités des Nations Unies aux États du Sahel reste fragmenté en projets parallèles. Un fonds commun, assorti d’un plan de travail unique par pays élaboré avec les gouvernements, réduirait les doublons et permettrait de financer en priorité les besoins que les États eux-mêmes ont identifiés.",
        gcm_objectives: ["gcm-23", "gcm-02"],
        guiding_principles: ["whole-of-government", "national-sovereignty", "international-cooperation"],
        governance_levels: ["national", "regional"],
        partners_involved: ["state", "un_entity", "regional_organisation"],
        capacity_gaps_addressed: ["financing", "institutional-coordination"],
        support_modalities: ["funding", "technical-assistance"],
        timeline: "three_to_five_years",
        start_readiness: "needs_funding_first",
        consent_to_publish: true,
      },
      {
        title: "Programme d’appui à la réintégration communautaire dans les zones de retour",
        summary: "Plutôt que des aides individuelles, des projets collectifs (périmètres maraîchers, petites infrastructures) décidés avec les communes et qui profitent à la fois aux personnes de retour et à la population locale.",
        gcm_objectives: ["gcm-21", "gcm-02"],
        guiding_principles: ["sustainable-development", "whole-of-society"],
        governance_levels: ["local"],
        partners_involved: ["local_authority", "ngo"],
        partners_named: "Communes des régions de Kayes et de Tahoua ; Collectif Sahel pour les droits des personnes mobiles.",
        support_modalities: ["funding", "technical-assistance"],
        timeline: "three_to_five_years",
        start_readiness: "within_6_months",
        consent_to_publish: true,
      },
    ],
    offer: {
      modalities: ["technical-assistance", "funding"],
      objectives: ["gcm-21", "gcm-23"],
      description: "Appui à l’élaboration de plans nationaux de mise en œuvre du Pacte et coordination des entités des Nations Unies présentes au Sahel.",
    },
  },
];

// ---------------------------------------------------------------------------------------------
// follow-up

type Session = "opening_keynotes" | "panel_governance_levels" | "panel_un_coordination" | "panel_progress_tools" | "panel_financing" | "side_events_networking";

interface Commitment {
  objective: Gcm;
  action: string;
  timeline?: "before_marrakech" | "within_1_year" | "within_2_3_years" | "longer";
  partners_sought?: Stakeholder[];
}

interface Priority {
  objective: Gcm;
  current_capacity?: 1 | 2 | 3 | 4 | 5;
  capacity_gaps?: Gap[];
  support_modalities?: Modality[];
  gap_details?: string;
}

interface FollowUp {
  key: string;
  status: Status;
  attribution: Attribution;
  usefulness?: 1 | 2 | 3 | 4 | 5;
  most_useful_sessions?: Session[];
  takeaways?: string;
  what_to_improve?: string;
  /** Commitments, or false when the partner plans none. */
  commitments?: Commitment[] | false;
  priorities_changed?: "yes_significantly" | "somewhat" | "no";
  /** Only when priorities changed. */
  priorities_change_details?: string;
  priority_objectives?: Priority[];
  new_contacts?: "none" | "one_to_two" | "three_to_five" | "more_than_five";
  partnership_follow_up?: string;
  governance_levels?: Level[];
  proposals_for_marrakech?: string;
  additional_comments?: string;
}

function followUpAnswer(followUp: FollowUp): DemoAnswer {
  partnerOf(followUp.key);
  if (followUp.priorities_change_details && !(followUp.priorities_changed === "yes_significantly" || followUp.priorities_changed === "somewhat")) {
    throw new Error(`priorities_change_details is hidden: ${followUp.key}`);
  }
  const { key, status, attribution, commitments, ...rest } = followUp;
  const answers: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  if (commitments === false) answers.has_commitments = false;
  else if (commitments) {
    answers.has_commitments = true;
    answers.commitments = commitments.map((item) => ({ ...item }));
  }
  return { organisation: key, survey: "follow-up", status, attribution, answers };
}

const FOLLOW_UPS: FollowUp[] = [
  {
    key: "collectif-sahel-mobilite",
    status: "submitted",
    attribution: "attributable",
    usefulness: 4,
    most_useful_sessions: ["panel_governance_levels", "side_events_networking"],
    takeaways: "Les communes de transit ont été reconnues comme des acteurs à part entière. Plusieurs délégations se sont montrées intéressées par les points d’information mobiles.",
    what_to_improve: "Donner davantage la parole aux organisations des pays de transit dans les panels, et non seulement dans les événements parallèles.",
    commitments: [
      {
        objective: "gcm-03",
        action: "Ouvrir un premier point d’information mobile à Agadez avec la commune et partager la méthode avec deux organisations du Mali et du Burkina Faso.",
        timeline: "within_1_year",
        partners_sought: ["local_authority", "un_entity"],
      },
    ],
    priorities_changed: "somewhat",
    priorities_change_details: "Nous donnons désormais plus de poids à la formation des agents communaux, après les échanges avec des villes d’autres régions.",
    priority_objectives: [
      { objective: "gcm-07", current_capacity: 2, capacity_gaps: ["skills-training", "financing"], support_modalities: ["training", "funding"] },
      { objective: "gcm-03", current_capacity: 3, capacity_gaps: ["infrastructure-technology"], support_modalities: ["funding"] },
    ],
    new_contacts: "three_to_five",
    partnership_follow_up: "Échange avec le Réseau des villes méditerranéennes d’accueil sur l’orientation des migrants par les communes ; appui logistique du Bureau conjoint des Nations Unies au Sahel.",
    governance_levels: ["local", "regional"],
    proposals_for_marrakech: "Inclure les communes de transit dans les plans nationaux de mise en œuvre.\n\nPrévoir un guichet du fonds d’amorçage accessible aux organisations locales.",
  },
  {
    key: "passerelles-haiti-quebec",
    status: "submitted",
    attribution: "attributable",
    usefulness: 5,
    most_useful_sessions: ["panel_financing", "side_events_networking"],
    takeaways: "Les diasporas sont attendues comme partenaires du renforcement des capacités, pas seulement comme sources de fonds.",
    commitments: [
      {
        objective: "gcm-19",
        action: "Organiser les deux premières missions de formation de soignants de la diaspora dans des hôpitaux départementaux d’Haïti.",
        timeline: "within_1_year",
        partners_sought: ["state", "academia"],
      },
      {
        objective: "gcm-18",
        action: "Publier le guide de reconnaissance des diplômes pour trois professions de santé.",
        timeline: "before_marrakech",
      },
    ],
    priorities_changed: "no",
    new_contacts: "more_than_five",
    partnership_follow_up: "Contacts avec le Somali–Nordic Professionals Exchange et la Red Cuscatlán de Talento en el Exterior pour comparer nos modèles de missions de la diaspora.",
    priority_objectives: [
      { objective: "gcm-19", current_capacity: 3, capacity_gaps: ["financing"], support_modalities: ["funding"], gap_details: "Les volontaires sont prêts ; il manque le financement des déplacements et de l’assurance." },
      { objective: "gcm-18", current_capacity: 2, capacity_gaps: ["law-policy"], support_modalities: ["technical-assistance"] },
    ],
    governance_levels: ["national", "global"],
  },
  {
    key: "lakbay-care-workers",
    status: "submitted",
    attribution: "non_attributable",
    usefulness: 3,
    most_useful_sessions: ["side_events_networking"],
    what_to_improve: "Very few migrant workers spoke. Sessions on a weekday in Geneva are hard for workers to attend; remote participation would help.",
    commitments: [
      {
        objective: "gcm-06",
        action: "Launch a first version of the recruitment fee tracker with the Himalaya–Gulf Construction Workers’ Federation, using the same questions.",
        timeline: "within_1_year",
        partners_sought: ["trade_union", "academia"],
      },
    ],
    priorities_changed: "no",
    new_contacts: "one_to_two",
    governance_levels: ["local", "regional"],
    priority_objectives: [
      { objective: "gcm-06", current_capacity: 2, capacity_gaps: ["data-evidence", "infrastructure-technology"], support_modalities: ["data-tools", "funding"] },
    ],
    proposals_for_marrakech: "Recognise migrant domestic workers’ organisations as partners in monitoring fair recruitment.",
  },
  {
    key: "kilimani-migration-data",
    status: "submitted",
    attribution: "attributable",
    usefulness: 5,
    most_useful_sessions: ["panel_progress_tools", "panel_un_coordination"],
    takeaways: "Strong demand from States for help with data to review progress; several proposals on statistics peer exchange could be merged into one programme.",
    commitments: [
      {
        objective: "gcm-01",
        action: "Convene the first workshop of the East African peer exchange on labour migration statistics, jointly with LEMOA and the UN inter-agency facility.",
        timeline: "within_1_year",
        partners_sought: ["state", "un_entity", "academia"],
      },
    ],
    priorities_changed: "somewhat",
    priorities_change_details: "We will work with West African and Latin American partners from the start instead of an East African pilot alone.",
    priority_objectives: [
      { objective: "gcm-01", current_capacity: 3, capacity_gaps: ["data-evidence", "financing"], support_modalities: ["peer-exchange", "funding"], gap_details: "Statistics offices have staff but no budget for survey modules." },
    ],
    new_contacts: "more_than_five",
    partnership_follow_up: "A single South-South statistics exchange with LEMOA (Dakar), the United Nations Inter-Agency Facility for Migration Statistics and the Secretaría de Integración del Cono Sur para la Movilidad.",
    governance_levels: ["national", "regional"],
  },
  {
    key: "secretaria-cono-sur-movilidad",
    status: "submitted",
    attribution: "attributable",
    usefulness: 4,
    most_useful_sessions: ["panel_un_coordination", "panel_progress_tools"],
    takeaways: "Los organismos regionales pueden articular el apoyo del sistema de las Naciones Unidas y la cooperación Sur-Sur.",
    commitments: [
      {
        objective: "gcm-01",
        action: "Presentar a los Estados miembros la propuesta de centro regional de datos sobre movilidad.",
        timeline: "before_marrakech",
        partners_sought: ["state", "un_entity"],
      },
    ],
    priorities_changed: "no",
    priority_objectives: [
      { objective: "gcm-01", current_capacity: 3, capacity_gaps: ["institutional-coordination"], support_modalities: ["data-tools"] },
      { objective: "gcm-14", current_capacity: 4, support_modalities: ["training"] },
    ],
    new_contacts: "three_to_five",
    governance_levels: ["regional"],
    proposals_for_marrakech: "Que el mecanismo de creación de capacidades trabaje con los organismos regionales para atender las solicitudes de los Estados.",
  },
  {
    key: "un-migration-statistics-facility",
    status: "submitted",
    attribution: "aggregate_only",
    usefulness: 4,
    most_useful_sessions: ["panel_progress_tools", "panel_un_coordination", "opening_keynotes"],
    commitments: [
      {
        objective: "gcm-01",
        action: "Bring together the several statistics peer-exchange proposals received in this consultation into a single joint programme.",
        timeline: "within_1_year",
        partners_sought: ["academia", "regional_organisation", "state"],
      },
      {
        objective: "gcm-23",
        action: "Test the self-assessment tool with two national coordination bodies.",
        timeline: "within_2_3_years",
      },
    ],
    priorities_changed: "no",
    priority_objectives: [
      { objective: "gcm-01", current_capacity: 4, capacity_gaps: ["financing", "institutional-coordination"], support_modalities: ["peer-exchange", "technical-assistance"] },
      { objective: "gcm-23", current_capacity: 3, capacity_gaps: ["institutional-coordination"], support_modalities: ["data-tools"] },
    ],
    new_contacts: "more_than_five",
    governance_levels: ["national", "regional", "global"],
  },
  {
    key: "somali-nordic-professionals",
    status: "draft",
    attribution: "non_attributable",
    usefulness: 4,
    most_useful_sessions: ["side_events_networking"],
    takeaways: "Diaspora secondments were discussed alongside the Haitian and Salvadoran examples.",
    priorities_changed: "somewhat",
  },
  {
    key: "instituto-chakana",
    status: "draft",
    attribution: "attributable",
    most_useful_sessions: ["panel_governance_levels"],
    commitments: [
      {
        objective: "gcm-15",
        action: "Abrir la segunda cohorte del diplomado con cupos para funcionarios municipales de Colombia.",
      },
    ],
    new_contacts: "one_to_two",
  },
  {
    key: "himalaya-gulf-workers",
    status: "draft",
    attribution: "non_attributable",
    usefulness: 3,
    what_to_improve: "More time for questions from the floor.",
    commitments: false,
  },
  {
    key: "mancomunidad-frontera-oriental",
    status: "draft",
    attribution: "aggregate_only",
    usefulness: 5,
    priorities_changed: "yes_significantly",
    priorities_change_details: "La llegada de población migrante se ha duplicado desde el verano; el registro de población es ahora nuestra primera prioridad.",
    priority_objectives: [
      { objective: "gcm-01", current_capacity: 1, capacity_gaps: ["data-evidence", "infrastructure-technology"] },
    ],
  },
];

export const PARTNER_ANSWERS: DemoAnswer[] = [...PROPOSAL_SUBMISSIONS.map(proposalsAnswer), ...FOLLOW_UPS.map(followUpAnswer)];
