/**
 * Synthetic proposals for the similarity bench: each drawn from shared concepts rendered in
 * English, French or Spanish (with its Spanish rendering standing in for Apertium's translation),
 * plus made-up place and organisation names, so that the vocabulary is as varied as real input.
 */
import type { SimilarityProposal } from "#app/features/proposals/similarity/similar.ts";
import type { Language } from "#app/features/proposals/similarity/text.ts";

// [en, fr, es]: nouns and phrases of migration-policy proposals.
const CONCEPTS: readonly (readonly [string, string, string])[] = [
  ["migration data", "données migratoires", "datos migratorios"],
  ["national statistics office", "institut national de statistique", "oficina nacional de estadística"],
  ["training workshop", "atelier de formation", "taller de capacitación"],
  ["labour inspectors", "inspecteurs du travail", "inspectores de trabajo"],
  ["fair recruitment", "recrutement équitable", "contratación equitativa"],
  ["recruitment fees", "frais de recrutement", "comisiones de contratación"],
  ["remittance costs", "coûts des transferts de fonds", "costos de las remesas"],
  ["financial inclusion", "inclusion financière", "inclusión financiera"],
  ["diaspora networks", "réseaux de la diaspora", "redes de la diáspora"],
  ["consular protection", "protection consulaire", "protección consular"],
  ["mobile consular units", "unités consulaires mobiles", "unidades consulares móviles"],
  ["identity documents", "documents d’identité", "documentos de identidad"],
  ["birth registration", "enregistrement des naissances", "registro de nacimientos"],
  ["missing migrants", "migrants disparus", "migrantes desaparecidos"],
  ["forensic identification", "identification médico-légale", "identificación forense"],
  ["search and rescue", "recherche et sauvetage", "búsqueda y salvamento"],
  ["trafficking in persons", "traite des personnes", "trata de personas"],
  ["smuggling of migrants", "trafic illicite de migrants", "tráfico ilícito de migrantes"],
  ["border management", "gestion des frontières", "gestión de fronteras"],
  ["alternatives to detention", "alternatives à la détention", "alternativas a la detención"],
  ["case management", "gestion des cas", "gestión de casos"],
  ["unaccompanied children", "enfants non accompagnés", "niños no acompañados"],
  ["access to health care", "accès aux soins de santé", "acceso a la atención de salud"],
  ["language courses", "cours de langue", "cursos de idiomas"],
  ["housing advice", "conseil en logement", "asesoramiento sobre vivienda"],
  ["social cohesion", "cohésion sociale", "cohesión social"],
  ["hate speech", "discours de haine", "discurso de odio"],
  ["skills recognition", "reconnaissance des compétences", "reconocimiento de competencias"],
  ["vocational training", "formation professionnelle", "formación profesional"],
  ["pension rights", "droits à pension", "derechos de pensión"],
  ["social security agreements", "accords de sécurité sociale", "convenios de seguridad social"],
  ["voluntary return", "retour volontaire", "retorno voluntario"],
  ["sustainable reintegration", "réintégration durable", "reintegración sostenible"],
  ["climate change", "changement climatique", "cambio climático"],
  ["planned relocation", "réinstallation planifiée", "reubicación planificada"],
  ["local authorities", "autorités locales", "autoridades locales"],
  ["civil society organisations", "organisations de la société civile", "organizaciones de la sociedad civil"],
  ["trade unions", "syndicats", "sindicatos"],
  ["private sector", "secteur privé", "sector privado"],
  ["regional consultative processes", "processus consultatifs régionaux", "procesos consultivos regionales"],
  ["United Nations country team", "équipe de pays des Nations Unies", "equipo de las Naciones Unidas en el país"],
  ["peer exchange", "échange entre pairs", "intercambio entre pares"],
  ["South-South cooperation", "coopération Sud-Sud", "cooperación Sur-Sur"],
  ["technical assistance", "assistance technique", "asistencia técnica"],
  ["pooled funding", "financement commun", "financiación mancomunada"],
  ["online platform", "plateforme en ligne", "plataforma en línea"],
  ["information campaign", "campagne d’information", "campaña de información"],
  ["pre-departure orientation", "orientation avant le départ", "orientación previa a la partida"],
  ["domestic workers", "travailleurs domestiques", "trabajadores domésticos"],
  ["seasonal workers", "travailleurs saisonniers", "trabajadores temporeros"],
  ["migrant women", "femmes migrantes", "mujeres migrantes"],
  ["young people", "jeunes", "jóvenes"],
  ["human rights", "droits de l’homme", "derechos humanos"],
  ["legal aid", "aide juridique", "asistencia jurídica"],
  ["regular pathways", "voies régulières", "vías regulares"],
  ["labour mobility", "mobilité de la main-d’œuvre", "movilidad laboral"],
  ["evidence-based policy", "politiques fondées sur des données probantes", "políticas basadas en datos empíricos"],
  ["whole-of-government approach", "approche pangouvernementale", "enfoque pangubernamental"],
  ["capacity assessment", "évaluation des capacités", "evaluación de capacidades"],
  ["progress review", "examen des progrès", "examen de los progresos"],
];

const VERBS: readonly (readonly [string, string, string])[] = [
  ["strengthen", "renforcer", "fortalecer"],
  ["train", "former", "capacitar"],
  ["coordinate", "coordonner", "coordinar"],
  ["finance", "financer", "financiar"],
  ["share", "partager", "compartir"],
  ["monitor", "suivre", "supervisar"],
  ["improve", "améliorer", "mejorar"],
  ["protect", "protéger", "proteger"],
];

const LINK: Record<Language, { and: string; with: string; in: string; to: string; proposal: string }> = {
  en: { and: "and", with: "with", in: "in", to: "to", proposal: "A partnership" },
  fr: { and: "et", with: "avec", in: "à", to: "pour", proposal: "Un partenariat" },
  es: { and: "y", with: "con", in: "en", to: "para", proposal: "Una alianza" },
};
const COLUMN: Record<Language, 0 | 1 | 2> = { en: 0, fr: 1, es: 2 };
const SYLLABLES = ["ka", "lo", "mi", "ra", "su", "te", "vo", "za", "ni", "bu", "de", "go", "ha", "ji", "pe", "sa"];

/** A small deterministic generator (mulberry32), so that every run measures the same corpus. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)] as T;
}

function name(next: () => number): string {
  const length = 2 + Math.floor(next() * 3);
  const word = Array.from({ length }, () => pick(SYLLABLES, next)).join("");
  return word[0]?.toUpperCase() + word.slice(1);
}

interface Draft {
  verbs: number[];
  concepts: number[];
  places: string[];
}

function render(draft: Draft, language: Language): { title: string; summary: string } {
  const column = COLUMN[language];
  const link = LINK[language];
  const concept = (index: number) => (CONCEPTS[index] as readonly string[])[column] as string;
  const verb = (index: number) => (VERBS[index] as readonly string[])[column] as string;
  const [c0, c1, c2, c3, c4, c5] = draft.concepts as [number, number, number, number, number, number];
  const [v0, v1] = draft.verbs as [number, number];
  const [p0, p1, p2] = draft.places as [string, string, string];
  return {
    title: `${concept(c0)} ${link.and} ${concept(c1)} ${link.in} ${p0}`,
    summary:
      `${link.proposal} ${link.with} ${p1} ${link.to} ${verb(v0)} ${concept(c0)}, ${concept(c2)} ${link.and} ${concept(c3)}. ` +
      `${verb(v1)} ${concept(c4)} ${link.with} ${concept(c5)} ${link.in} ${p2} ${link.and} ${p0}.`,
  };
}

/** `count` proposals, a third in each language, each with its Spanish text as the pivot. */
export function syntheticProposals(count: number, seed = 2018): SimilarityProposal[] {
  const next = random(seed);
  const places = Array.from({ length: 5_000 }, () => name(next));
  const languages: Language[] = ["en", "fr", "es"];
  return Array.from({ length: count }, (_, index) => {
    const draft: Draft = {
      verbs: [Math.floor(next() * VERBS.length), Math.floor(next() * VERBS.length)],
      concepts: Array.from({ length: 6 }, () => Math.floor(next() * CONCEPTS.length)),
      places: [pick(places, next), pick(places, next), pick(places, next)],
    };
    const language = languages[index % 3] as Language;
    const text = render(draft, language);
    const spanish = render(draft, "es");
    return {
      id: `p${index}`,
      language,
      ...text,
      objectives: [1 + Math.floor(next() * 23), 1 + Math.floor(next() * 23)],
      organisationId: `org-${Math.floor(next() * 2_000)}`,
      partners: [pick(places, next)],
      pivotText: `${spanish.title}\n${spanish.summary}`,
    };
  });
}
