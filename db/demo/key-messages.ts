import type { Db } from "../connect.ts";
import { addCitation, createKeyMessage, setKeyMessageStatus } from "../../app/features/messages/key-messages.ts";

interface DemoMessage {
  title: string;
  body: string;
  language: "en" | "fr" | "es";
  agreed: boolean;
  /** Sentences of the answers' closing messages that contain one of these cite the message. */
  cues: string[];
}

/**
 * Key messages as the rapporteurs of 2018 could have drafted them, citing the demo answers that
 * say so (found by the words they use, in their own language), so that the pages show real
 * sources: quoted where the organisation allowed it, counted only where it did not.
 */
const DEMO_MESSAGES: DemoMessage[] = [
  {
    title: "Local and regional authorities belong in the follow-up",
    body: "States of origin, transit and destination ask that the capacity-building mechanism be open to local and regional authorities, which carry much of the work of reception, integration and reintegration.\n\n- Make the connection hub usable by local authorities, not only central administrations.\n- Include local authorities in the review of progress.",
    language: "en",
    agreed: true,
    cues: ["collectivités territoriales", "sub-national governments", "village and district governments", "gobiernos locales"],
  },
  {
    title: "Des données migratoires fiables pour l’examen des progrès",
    body: "Plusieurs États demandent un appui pluriannuel aux instituts nationaux de statistique et des données ventilées par sexe et par âge dans chaque examen des progrès.",
    language: "fr",
    agreed: true,
    cues: ["données migratoires", "disaggregated data", "datos desagregados"],
  },
  {
    title: "Financiamiento para los países de acogida de ingreso mediano",
    body: "Los países de acogida de ingreso mediano piden instrumentos de financiamiento concesional que reconozcan el costo de los servicios prestados a grandes poblaciones de migrantes y refugiados.",
    language: "es",
    agreed: false,
    cues: ["financiamiento", "host countries that provide services"],
  },
];

const QUESTIONS = ["proposals_for_marrakech", "messages_for_marrakech"];

function sentences(text: string): string[] {
  return text.split(/\n+|(?<=[.!?])\s+/).map((sentence) => sentence.trim()).filter(Boolean);
}

/** Loads the demo's key messages once (none is added to a meeting that has some). Returns how many. */
export async function loadDemoKeyMessages(db: Db, meetingId: string, rapporteurId: string, now: Date): Promise<number> {
  const existing = await db.selectFrom("key_message").select("id").where("meeting_id", "=", meetingId).limit(1).executeTakeFirst();
  if (existing) return 0;
  const answers = await db
    .selectFrom("response")
    .innerJoin("consultation", "consultation.id", "response.consultation_id")
    .select(["response.id", "response.submitted_data", "response.attribution"])
    .where("consultation.meeting_id", "=", meetingId)
    .where("response.submitted_data", "is not", null)
    .orderBy("response.submitted_at")
    .execute();
  const actor = { id: rapporteurId };
  const context = { ip: null, now };
  for (const demo of DEMO_MESSAGES) {
    const created = await createKeyMessage(db, actor, meetingId, { title: demo.title, body: demo.body, language: demo.language }, context);
    if (!created.ok) throw new Error(`The demo key message "${demo.title}" is refused: ${JSON.stringify(created)}`);
    let cited = 0;
    for (const answer of answers) {
      if (cited >= 4) break;
      const data = JSON.parse(answer.submitted_data ?? "{}") as Record<string, unknown>;
      for (const question of QUESTIONS) {
        const text = data[question];
        if (typeof text !== "string") continue;
        const sentence = sentences(text).find((candidate) => demo.cues.some((cue) => candidate.toLowerCase().includes(cue.toLowerCase())));
        if (!sentence) continue;
        const quoted = answer.attribution !== "aggregate_only";
        const result = await addCitation(db, actor, created.id, quoted ? { responseId: answer.id, question, quote: sentence } : { responseId: answer.id }, context);
        if (!result.ok) throw new Error(`A demo citation is refused (${result.reason}): ${sentence}`);
        cited += 1;
        break;
      }
    }
    if (demo.agreed) await setKeyMessageStatus(db, actor, { meetingId, id: created.id }, "agreed", context);
  }
  return DEMO_MESSAGES.length;
}
