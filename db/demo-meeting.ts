/**
 * The demo meeting: the second 2018 session of the International Dialogue on Migration, described
 * from its concept note in the three working languages.
 */
export const IDM_2018_SECOND_SESSION = {
  slug: "idm-2018-2",
  starts_on: "2018-10-08",
  ends_on: "2018-10-09",
  title_en: "International Dialogue on Migration 2018 – Second session",
  title_fr: "Dialogue international sur la migration 2018 – Deuxième session",
  title_es: "Diálogo Internacional sobre la Migración 2018 – Segunda reunión",
  theme_en: "Towards effective migration governance: partnerships for capacity development",
  theme_fr: "Vers une gouvernance efficace des migrations : partenariats pour le renforcement des capacités",
  theme_es: "Hacia una gobernanza eficaz de la migración: alianzas para la creación de capacidades",
  place_en: "Conference Room XVIII, Palais des Nations, Geneva",
  place_fr: "Salle de conférence XVIII, Palais des Nations, Genève",
  place_es: "Sala de Conferencias XVIII, Palacio de las Naciones, Ginebra",
  description_en: [
    "The International Dialogue on Migration is IOM's principal forum for migration policy dialogue. Founded in 2001, it gives migration experts from all over the world an informal, non-binding setting in which to share approaches and good policy practice and to build understanding and cooperation on migration.",
    "Building on the first 2018 session, held in New York on 26 and 27 March, this second session takes the broad theme of partnerships and cooperation further, with a specific focus on developing capacity to meet today's challenges of effective migration governance. Throughout the negotiations of the Global Compact for Safe, Orderly and Regular Migration, States and other stakeholders called for stronger capacity in the field of migration.",
    "Meeting between the end of the negotiations in July and the intergovernmental conference in Marrakech in December that is to adopt the Global Compact, the session will look at how to identify and address the capacity-building needs of States and other stakeholders. It will showcase capacity-building tools and partnerships, and assess good practice in whole-of-government, whole-of-society and United Nations system coordination.",
    "Participants will examine partnerships across all levels of governance, the coordination of support from the United Nations system, tools and mechanisms to assess and review progress, and the role of international organizations, regional institutions, regional consultative processes and civil society coordination frameworks in financing the implementation of the Global Compact. The aim is to come away with concrete and relevant proposals in support of the Global Compact process before Marrakech.",
  ].join("\n\n"),
  description_fr: [
    "Le Dialogue international sur la migration est la principale enceinte de dialogue de l’OIM sur les politiques migratoires. Fondé en 2001, il offre aux spécialistes des migrations du monde entier un cadre informel et non contraignant pour échanger leurs approches et leurs bonnes pratiques et favoriser la compréhension et la coopération en matière de migration.",
    "Dans le prolongement de la première session de 2018, tenue à New York les 26 et 27 mars, cette deuxième session approfondit le thème des partenariats et de la coopération en se concentrant sur le renforcement des capacités nécessaires pour relever les défis actuels d’une gouvernance efficace des migrations. Tout au long des négociations du Pacte mondial pour des migrations sûres, ordonnées et régulières, les États et les autres parties prenantes ont appelé à renforcer les capacités dans le domaine migratoire.",
    "Réunie entre la fin des négociations, en juillet, et la conférence intergouvernementale de Marrakech qui doit adopter le Pacte mondial en décembre, la session examinera les moyens de recenser et de combler les besoins des États et des autres parties prenantes en matière de renforcement des capacités. Elle présentera des outils et des partenariats de renforcement des capacités et évaluera les bonnes pratiques de coordination mobilisant l’ensemble des pouvoirs publics et l’ensemble de la société, et de coordination du système des Nations Unies.",
    "Les participants se pencheront sur les partenariats à tous les niveaux de gouvernance, la coordination de l’appui du système des Nations Unies, les outils et mécanismes d’évaluation et d’examen des progrès, ainsi que le rôle des organisations internationales, des institutions régionales, des processus consultatifs régionaux et des cadres de coordination de la société civile dans le financement de la mise en œuvre du Pacte mondial. Le but est d’en tirer des propositions concrètes et pertinentes à l’appui du processus du Pacte mondial avant Marrakech.",
  ].join("\n\n"),
  description_es: [
    "El Diálogo Internacional sobre la Migración es el principal foro de la OIM para el diálogo sobre políticas migratorias. Fundado en 2001, ofrece a los expertos en migración de todo el mundo un marco oficioso y no vinculante para intercambiar enfoques y buenas prácticas en materia de políticas y fomentar la comprensión y la cooperación sobre cuestiones migratorias.",
    "Sobre la base de la primera reunión de 2018, celebrada en Nueva York los días 26 y 27 de marzo, esta segunda reunión profundiza en el tema de las alianzas y la cooperación, centrándose en la creación de capacidades para encarar los retos actuales de una gobernanza eficaz de la migración. A lo largo de las negociaciones del Pacto Mundial para la Migración Segura, Ordenada y Regular, los Estados y demás interlocutores pidieron fortalecer las capacidades en el ámbito de la migración.",
    "Entre el final de las negociaciones, en julio, y la conferencia intergubernamental de Marrakech que aprobará el Pacto Mundial en diciembre, la reunión deliberará sobre cómo hallar y abordar las necesidades de creación de capacidades de los Estados y demás interlocutores. Presentará herramientas y alianzas para la creación de capacidades y evaluará las mejores prácticas de coordinación con un enfoque que implique a todo el gobierno y a toda la sociedad, y de coordinación del sistema de las Naciones Unidas.",
    "Los participantes examinarán las alianzas en todas las instancias de gobernanza, la coordinación del apoyo del sistema de las Naciones Unidas, las herramientas y los mecanismos para evaluar y examinar los progresos, y el papel de las organizaciones internacionales, las instituciones regionales, los procesos consultivos regionales y los marcos de coordinación de la sociedad civil en la financiación de la aplicación del Pacto Mundial. El objetivo es presentar propuestas concretas y pertinentes en apoyo del proceso del Pacto Mundial antes de Marrakech.",
  ].join("\n\n"),
} as const;
