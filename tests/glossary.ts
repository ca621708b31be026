import type { Language } from "#app/i18n/languages.ts";

/**
 * One term per concept and language, across the interface, the surveys, the taxonomy and the demo.
 * For each concept: the form to write and the variants that must not appear (matched without
 * regard to case). Official wording from the Global Compact (A/RES/73/195) in its French and
 * Spanish versions, and the house terms of the developers' guide.
 */
export interface GlossaryEntry {
  concept: string;
  terms: Partial<Record<Language, { use: string; never: RegExp[] }>>;
}

export const GLOSSARY: GlossaryEntry[] = [
  {
    concept: "capacity-building",
    terms: {
      fr: { use: "renforcement des capacités", never: [/\b(développement|création|consolidation) des capacités/i, /\brenforcement de(s)? capacité(?!s)/i] },
      es: {
        use: "creación de capacidades",
        never: [/\bcreación de (la )?capacidad\b/i, /\bfomento de (la |las )?capacidad(es)?\b/i, /\bfortalecimiento de (la |las )?capacidad(es)?\b/i, /\bdesarrollo de (la |las )?capacidad(es)?\b/i],
      },
    },
  },
  {
    concept: "whole-of-government approach",
    terms: {
      en: { use: "whole-of-government", never: [/\bwhole[- ]of[- ]the[- ]government\b/i, /\bwhole government approach\b/i] },
      fr: { use: "mobilisant l’ensemble des pouvoirs publics", never: [/\bensemble du gouvernement\b/i, /\bpangouvernemental/i, /\bgouvernement dans son ensemble\b/i] },
      es: { use: "que implique a todo el gobierno", never: [/\bpangubernamental/i, /\bconjunto del gobierno\b/i, /\bgubernamental integral\b/i] },
    },
  },
  {
    concept: "whole-of-society approach",
    terms: {
      en: { use: "whole-of-society", never: [/\bwhole[- ]of[- ]the[- ]society\b/i] },
      fr: { use: "mobilisant l’ensemble de la société", never: [/\bsociété dans son ensemble\b/i] },
      es: { use: "que implique a toda la sociedad", never: [/\bpansocial/i, /\bconjunto de la sociedad\b/i, /\bde la sociedad en su conjunto\b/i] },
    },
  },
  {
    concept: "questionnaire (the survey a consultation asks)",
    terms: {
      fr: { use: "questionnaire", never: [/\b(la présente|cette) enquête\b/i, /^enquête sur\b/i] },
      es: { use: "cuestionario", never: [/\b(la presente|esta) encuesta\b/i, /\bla encuesta (previa|sobre necesidades)\b/i, /^encuesta (de|sobre)\b/i] },
    },
  },
  {
    concept: "capacity gap",
    terms: {
      fr: { use: "lacunes", never: [/\bcarences? (de|en) capacités?\b/i, /\bdéficits? de capacités?\b/i] },
      es: { use: "carencias", never: [/\bdeficiencias?\b/i, /\bbrechas? de capacidad/i] },
    },
  },
  {
    concept: "focal point",
    terms: {
      fr: { use: "point focal", never: [/\bcorrespondants? nationa/i, /\bcoordonnateurs? nationa/i] },
      es: { use: "punto focal", never: [/\bcoordinador(es|as)? nacional/i, /\bsus coordinador(es|as)\b/i, /\bpuntos? de contacto\b/i] },
    },
  },
  {
    concept: "select all that apply",
    terms: {
      en: { use: "Select all that apply.", never: [/\b(choose|tick|check|mark) all that apply\b/i] },
      fr: { use: "Cochez toutes les réponses pertinentes.", never: [/\b(sélectionnez|choisissez) toutes les\b/i, /\bplusieurs réponses possibles\b/i] },
      es: { use: "Seleccione todas las opciones que correspondan.", never: [/\b(elija|marque|escoja) todas? (las|los)\b/i] },
    },
  },
  {
    concept: "Global Compact for Safe, Orderly and Regular Migration",
    terms: {
      fr: { use: "Pacte mondial pour des migrations sûres, ordonnées et régulières", never: [/\bpacte mondial (sur|pour) (les|la) migrations? sûres?/i] },
      es: { use: "Pacto Mundial para la Migración Segura, Ordenada y Regular", never: [/\bpacto mundial (para|sobre) una migración/i, /\bpacto mundial sobre (la )?migración segura/i] },
    },
  },
  {
    concept: "adopt (the Global Compact)",
    terms: {
      es: { use: "aprobar", never: [/\badopt(ar|ará|aría|ó|ado|ada|e|en)\s+(el|este|un)\s+(pacto|compacto)\b/i, /\bpacto mundial\s+(fue\s+|será\s+)?adoptado\b/i] },
    },
  },
  {
    concept: "remittances",
    terms: {
      fr: { use: "transferts de fonds", never: [/\benvois? de fonds\b/i, /\brapatriements? de fonds\b/i] },
      es: { use: "remesas", never: [/\benvíos? de (fondos|dinero)\b/i, /\btransferencias de fondos\b/i] },
    },
  },
  {
    concept: "gender-responsive",
    terms: {
      fr: { use: "problématique femmes-hommes", never: [/\bquestions de genre\b/i, /\bsensible au genre\b/i] },
      es: { use: "perspectiva de género", never: [/\bsensible al género\b/i, /\bque tenga en cuenta las cuestiones de género\b/i] },
    },
  },
];

/** Each use of a forbidden variant in a text, as "concept: write …, not …". */
export function glossaryProblems(text: string, language: Language): string[] {
  return GLOSSARY.flatMap(({ concept, terms }) => {
    const term = terms[language];
    if (!term) return [];
    return term.never.flatMap((pattern) => {
      const found = text.match(pattern);
      return found ? [`${concept}: write «${term.use}», not «${found[0]}»`] : [];
    });
  });
}
