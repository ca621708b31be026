import { PARTNER_TYPES } from "../app/features/organisations/types.ts";
import type { ConsultationKind, Phase } from "./schema.ts";

const PARTNERS: string[] = [...PARTNER_TYPES];

export interface DemoConsultation {
  slug: string;
  phase: Phase;
  kind: ConsultationKind;
  audience: string[];
  surveySlug: string;
  title: { en: string; fr: string; es: string };
  description: { en: string; fr: string; es: string };
  opensAt: string;
  /** A fixed closing time, or days after the seed runs (so that the demo always has one open). */
  closes: string | { daysAfterSeed: number };
}

/** The Dialogue's three consultations: two before the meeting (closed), one after it (open). */
export const DEMO_CONSULTATIONS: DemoConsultation[] = [
  {
    slug: "idm-2018-2-capacity-needs",
    phase: "pre",
    kind: "capacity_survey",
    audience: ["state"],
    surveySlug: "capacity-needs",
    title: {
      en: "Capacity needs of States for implementing the Global Compact",
      fr: "Besoins des États en capacités pour la mise en œuvre du Pacte mondial",
      es: "Necesidades de capacidad de los Estados para aplicar el Pacto Mundial",
    },
    description: {
      en: "One shared answer per State, prepared by its focal points, on coordination, priority objectives, capacity gaps, partnerships, financing and the capacity the State can offer to others. The answers prepare the discussions of 8–9 October.",
      fr: "Une réponse commune par État, préparée par ses points focaux, sur la coordination, les objectifs prioritaires, les lacunes en capacités, les partenariats, le financement et les capacités que l’État peut offrir. Les réponses préparent les débats des 8 et 9 octobre.",
      es: "Una respuesta común por Estado, preparada por sus puntos focales, sobre coordinación, objetivos prioritarios, carencias de capacidad, alianzas, financiación y la capacidad que el Estado puede ofrecer. Las respuestas preparan los debates del 8 y 9 de octubre.",
    },
    opensAt: "2018-07-16T07:00:00.000Z",
    closes: "2018-09-21T21:59:00.000Z",
  },
  {
    slug: "idm-2018-2-partnership-proposals",
    phase: "pre",
    kind: "call_for_proposals",
    audience: PARTNERS,
    surveySlug: "partnership-proposals",
    title: {
      en: "Call for partnership proposals for capacity development",
      fr: "Appel à propositions de partenariats pour le renforcement des capacités",
      es: "Convocatoria de propuestas de alianzas para la creación de capacidades",
    },
    description: {
      en: "Civil society and other partners describe concrete partnership proposals and the capacity they can offer. Selected proposals are presented at the meeting and carried to Marrakech.",
      fr: "La société civile et les autres partenaires décrivent des propositions concrètes de partenariat et les capacités qu’ils peuvent offrir. Une sélection est présentée à la réunion et portée à Marrakech.",
      es: "La sociedad civil y los demás asociados describen propuestas concretas de alianza y la capacidad que pueden ofrecer. Una selección se presenta en la reunión y se lleva a Marrakech.",
    },
    opensAt: "2018-07-16T07:00:00.000Z",
    closes: "2018-09-28T21:59:00.000Z",
  },
  {
    slug: "idm-2018-2-follow-up",
    phase: "post",
    kind: "follow_up",
    audience: ["state", ...PARTNERS],
    surveySlug: "follow-up",
    title: {
      en: "Follow-up: from Geneva to Marrakech",
      fr: "Suivi : de Genève à Marrakech",
      es: "Seguimiento: de Ginebra a Marrakech",
    },
    description: {
      en: "All participants say what they take away from the meeting, the commitments they make, and how their capacity priorities have changed, to carry the results of the Dialogue to the Marrakech conference.",
      fr: "Tous les participants indiquent ce qu’ils retiennent de la réunion, les engagements qu’ils prennent et l’évolution de leurs priorités en matière de capacités, afin de porter les résultats du Dialogue à la conférence de Marrakech.",
      es: "Todos los participantes indican qué se llevan de la reunión, los compromisos que asumen y cómo han cambiado sus prioridades de capacidad, para llevar los resultados del Diálogo a la conferencia de Marrakech.",
    },
    opensAt: "2018-10-10T07:00:00.000Z",
    closes: { daysAfterSeed: 120 },
  },
];
