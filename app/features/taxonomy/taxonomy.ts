/**
 * The shared taxonomy of the Dialogue: the Global Compact's objectives and guiding principles
 * (French and Spanish in the wording of A/RES/73/195, objectives shortened from their official titles),
 * and the dimensions that needs, offers and proposals are tagged with. Surveys take their choice
 * lists from here (never copied by hand), and summaries group by these values.
 */
export interface Term {
  /** Stable value stored in answers: never change it once answers exist. */
  value: string;
  text: { en: string; fr: string; es: string };
}

export const GCM_OBJECTIVES: Term[] = [
  { value: "gcm-01", text: { en: "1. Accurate and disaggregated data", fr: "1. Données précises et ventilées", es: "1. Datos exactos y desglosados" } },
  { value: "gcm-02", text: { en: "2. Minimize adverse drivers and structural factors", fr: "2. Facteurs négatifs et problèmes structurels", es: "2. Minimizar los factores adversos y estructurales" } },
  { value: "gcm-03", text: { en: "3. Information at all stages of migration", fr: "3. Informations exactes à toutes les étapes de la migration", es: "3. Información exacta y oportuna en todas las etapas de la migración" } },
  { value: "gcm-04", text: { en: "4. Legal identity and documentation", fr: "4. Preuve d’identité légale et papiers adéquats", es: "4. Pruebas de identidad jurídica y documentación adecuada" } },
  { value: "gcm-05", text: { en: "5. Pathways for regular migration", fr: "5. Filières de migration régulière accessibles et plus souples", es: "5. Vías de migración regular" } },
  { value: "gcm-06", text: { en: "6. Fair and ethical recruitment, decent work", fr: "6. Recrutement juste et éthique ; conditions d’un travail décent", es: "6. Contratación equitativa y ética; trabajo decente" } },
  { value: "gcm-07", text: { en: "7. Address and reduce vulnerabilities", fr: "7. Facteurs de vulnérabilité liés aux migrations", es: "7. Abordar y reducir las vulnerabilidades en la migración" } },
  { value: "gcm-08", text: { en: "8. Save lives; missing migrants", fr: "8. Sauver des vies ; migrants disparus", es: "8. Salvar vidas; migrantes desaparecidos" } },
  { value: "gcm-09", text: { en: "9. Counter smuggling of migrants", fr: "9. Action transnationale face au trafic de migrants", es: "9. Respuesta transnacional al tráfico ilícito de migrantes" } },
  { value: "gcm-10", text: { en: "10. Eradicate trafficking in persons", fr: "10. Éliminer la traite de personnes", es: "10. Erradicar la trata de personas" } },
  { value: "gcm-11", text: { en: "11. Integrated border management", fr: "11. Gestion intégrée, sûre et coordonnée des frontières", es: "11. Gestión integrada, segura y coordinada de las fronteras" } },
  { value: "gcm-12", text: { en: "12. Certainty and predictability in procedures", fr: "12. Sécurité et prévisibilité des procédures migratoires", es: "12. Certidumbre y previsibilidad de los procedimientos migratorios" } },
  { value: "gcm-13", text: { en: "13. Detention only as a last resort; alternatives", fr: "13. Rétention en dernier ressort ; solutions de rechange", es: "13. Detención solo como último recurso; otras alternativas" } },
  { value: "gcm-14", text: { en: "14. Consular protection and cooperation", fr: "14. Protection, assistance et coopération consulaires", es: "14. Protección, asistencia y cooperación consulares" } },
  { value: "gcm-15", text: { en: "15. Access to basic services", fr: "15. Accès aux services de base", es: "15. Acceso a los servicios básicos" } },
  { value: "gcm-16", text: { en: "16. Inclusion and social cohesion", fr: "16. Pleine intégration et cohésion sociale", es: "16. Plena inclusión y cohesión social" } },
  { value: "gcm-17", text: { en: "17. Eliminate discrimination; evidence-based public discourse", fr: "17. Éliminer la discrimination ; débat public fondé sur l’analyse des faits", es: "17. Eliminar la discriminación; discurso público con base empírica" } },
  { value: "gcm-18", text: { en: "18. Skills development and mutual recognition", fr: "18. Perfectionnement des compétences et reconnaissance mutuelle", es: "18. Desarrollo de aptitudes y reconocimiento mutuo" } },
  { value: "gcm-19", text: { en: "19. Migrants and diasporas contribute to development", fr: "19. Contribution des migrants et des diasporas au développement durable", es: "19. Contribución de los migrantes y las diásporas al desarrollo sostenible" } },
  { value: "gcm-20", text: { en: "20. Faster, safer, cheaper remittances; financial inclusion", fr: "20. Transferts de fonds plus rapides, plus sûrs et moins coûteux ; inclusion financière", es: "20. Transferencias de remesas más rápidas, seguras y económicas; inclusión financiera" } },
  { value: "gcm-21", text: { en: "21. Safe and dignified return, readmission and reintegration", fr: "21. Retour et réadmission en toute sécurité et dans la dignité ; réintégration durable", es: "21. Regreso y readmisión en condiciones de seguridad y dignidad; reintegración sostenible" } },
  { value: "gcm-22", text: { en: "22. Portability of social security entitlements", fr: "22. Portabilité des droits de sécurité sociale et des avantages acquis", es: "22. Portabilidad de la seguridad social y las prestaciones adquiridas" } },
  { value: "gcm-23", text: { en: "23. International cooperation and global partnerships", fr: "23. Coopération internationale et partenariats mondiaux", es: "23. Cooperación internacional y alianzas mundiales" } },
];

export const GUIDING_PRINCIPLES: Term[] = [
  { value: "people-centred", text: { en: "People-centred", fr: "Priorité à la dimension humaine", es: "Centrado en las personas" } },
  { value: "international-cooperation", text: { en: "International cooperation", fr: "Coopération internationale", es: "Cooperación internacional" } },
  { value: "national-sovereignty", text: { en: "National sovereignty", fr: "Souveraineté nationale", es: "Soberanía nacional" } },
  { value: "rule-of-law", text: { en: "Rule of law and due process", fr: "Primauté du droit et garanties d’une procédure régulière", es: "Estado de derecho y garantías procesales" } },
  { value: "sustainable-development", text: { en: "Sustainable development", fr: "Développement durable", es: "Desarrollo sostenible" } },
  { value: "human-rights", text: { en: "Human rights", fr: "Droits de l’homme", es: "Derechos humanos" } },
  { value: "gender-responsive", text: { en: "Gender-responsive", fr: "Prise en compte de la problématique femmes-hommes", es: "Perspectiva de género" } },
  { value: "child-sensitive", text: { en: "Child-sensitive", fr: "Adaptation aux besoins de l’enfant", es: "Perspectiva infantil" } },
  { value: "whole-of-government", text: { en: "Whole-of-government approach", fr: "Approche mobilisant l’ensemble des pouvoirs publics", es: "Enfoque que implique a todo el gobierno" } },
  { value: "whole-of-society", text: { en: "Whole-of-society approach", fr: "Approche mobilisant l’ensemble de la société", es: "Enfoque que implique a toda la sociedad" } },
];

export const GOVERNANCE_LEVELS: Term[] = [
  { value: "local", text: { en: "Local", fr: "Locale", es: "Local" } },
  { value: "national", text: { en: "National", fr: "Nationale", es: "Nacional" } },
  { value: "regional", text: { en: "Regional", fr: "Régionale", es: "Regional" } },
  { value: "global", text: { en: "Global", fr: "Mondiale", es: "Mundial" } },
];

export const CAPACITY_GAPS: Term[] = [
  { value: "data-evidence", text: { en: "Data and evidence", fr: "Données et éléments factuels", es: "Datos y pruebas" } },
  { value: "law-policy", text: { en: "Law and policy", fr: "Législation et politiques", es: "Legislación y políticas" } },
  { value: "institutional-coordination", text: { en: "Institutional coordination", fr: "Coordination institutionnelle", es: "Coordinación institucional" } },
  { value: "skills-training", text: { en: "Skills and training", fr: "Compétences et formation", es: "Competencias y formación" } },
  { value: "infrastructure-technology", text: { en: "Infrastructure and technology", fr: "Infrastructures et technologies", es: "Infraestructura y tecnología" } },
  { value: "financing", text: { en: "Financing", fr: "Financement", es: "Financiación" } },
];

export const SUPPORT_MODALITIES: Term[] = [
  { value: "technical-assistance", text: { en: "Technical assistance", fr: "Assistance technique", es: "Asistencia técnica" } },
  { value: "peer-exchange", text: { en: "Peer exchange (South-South, triangular)", fr: "Échanges entre pairs (Sud-Sud, triangulaires)", es: "Intercambio entre pares (Sur-Sur, triangular)" } },
  { value: "training", text: { en: "Training", fr: "Formation", es: "Capacitación" } },
  { value: "funding", text: { en: "Funding", fr: "Financement", es: "Financiación" } },
  { value: "data-tools", text: { en: "Data and tools", fr: "Données et outils", es: "Datos y herramientas" } },
];

export const STAKEHOLDER_TYPES: Term[] = [
  { value: "state", text: { en: "States", fr: "États", es: "Estados" } },
  { value: "ngo", text: { en: "Non-governmental organisations", fr: "Organisations non gouvernementales", es: "Organizaciones no gubernamentales" } },
  { value: "diaspora", text: { en: "Diaspora organisations", fr: "Organisations de la diaspora", es: "Organizaciones de la diáspora" } },
  { value: "migrant_led", text: { en: "Migrant-led organisations", fr: "Organisations dirigées par des migrants", es: "Organizaciones dirigidas por migrantes" } },
  { value: "academia", text: { en: "Academia and research", fr: "Milieux universitaires et recherche", es: "Círculos académicos e investigación" } },
  { value: "private_sector", text: { en: "Private sector", fr: "Secteur privé", es: "Sector privado" } },
  { value: "trade_union", text: { en: "Trade unions", fr: "Syndicats", es: "Sindicatos" } },
  { value: "local_authority", text: { en: "Local authorities", fr: "Autorités locales", es: "Autoridades locales" } },
  { value: "international_organisation", text: { en: "International organisations", fr: "Organisations internationales", es: "Organizaciones internacionales" } },
  { value: "regional_organisation", text: { en: "Regional organisations", fr: "Organisations régionales", es: "Organizaciones regionales" } },
  { value: "rcp", text: { en: "Regional consultative processes", fr: "Processus consultatifs régionaux", es: "Procesos consultivos regionales" } },
  { value: "un_entity", text: { en: "United Nations entities", fr: "Entités des Nations Unies", es: "Entidades de las Naciones Unidas" } },
];

/** The lists surveys may take their choices from, by the name a survey file uses. */
export const TAXONOMIES = {
  "gcm-objectives": GCM_OBJECTIVES,
  "guiding-principles": GUIDING_PRINCIPLES,
  "governance-levels": GOVERNANCE_LEVELS,
  "capacity-gaps": CAPACITY_GAPS,
  "support-modalities": SUPPORT_MODALITIES,
  "stakeholder-types": STAKEHOLDER_TYPES,
} as const satisfies Record<string, Term[]>;

export type TaxonomyName = keyof typeof TAXONOMIES | "regions";
