import type { Migration } from "kysely";
import * as foundation from "./202611241400_foundation.ts";
import * as meeting from "./202611241410_meeting.ts";
import * as consultations from "./202611241500_consultations.ts";
import * as outboxRetries from "./202611250900_outbox_retries.ts";
import * as signInLimits from "./202612021000_sign_in_limits.ts";
import * as healthCheck from "./202612021100_health_check.ts";
import * as responseAmending from "./202612021300_response_amending.ts";
import * as responseLanguage from "./202612030900_response_language.ts";
import * as proposals from "./202612031600_proposals.ts";
import * as jobs from "./202612031800_jobs.ts";
import * as keyMessages from "./202612031900_key_messages.ts";
import * as proposalTranslations from "./202612032000_proposal_translations.ts";
import * as proposalInboxOrder from "./202612040901_proposal_inbox_order.ts";
import * as proposalMerges from "./202612041100_proposal_merges.ts";
import * as inboxCurrentIndexes from "./202612041300_inbox_current_indexes.ts";
import * as proposalSearch from "./202612040900_proposal_search.ts";
import * as proposalTags from "./202612040902_proposal_tags.ts";
import * as answerValues from "./202612051000_answer_values.ts";
import * as capacityMatches from "./202612061200_capacity_matches.ts";
import * as exportFiles from "./202612061500_export_files.ts";
import * as exportMachineTranslation from "./202612071100_export_machine_translation.ts";
import * as freeTextAnswers from "./202612071200_free_text_answers.ts";
import * as figureTallies from "./202612071500_figure_tallies.ts";
import * as submittedAnswers from "./202612081000_submitted_answers.ts";
import * as uploadedSurveys from "./202612091000_uploaded_surveys.ts";

/**
 * Every migration, by name. Listed statically so that the server bundle carries them and no
 * .ts file is loaded at run time; a test checks that this list matches the folder.
 */
export const migrations: Record<string, Migration> = {
  "202611241400_foundation": foundation,
  "202611241410_meeting": meeting,
  "202611241500_consultations": consultations,
  "202611250900_outbox_retries": outboxRetries,
  "202612021000_sign_in_limits": signInLimits,
  "202612021100_health_check": healthCheck,
  "202612021300_response_amending": responseAmending,
  "202612030900_response_language": responseLanguage,
  "202612031600_proposals": proposals,
  "202612031800_jobs": jobs,
  "202612031900_key_messages": keyMessages,
  "202612032000_proposal_translations": proposalTranslations,
  "202612040900_proposal_search": proposalSearch,
  "202612040901_proposal_inbox_order": proposalInboxOrder,
  "202612040902_proposal_tags": proposalTags,
  "202612041100_proposal_merges": proposalMerges,
  "202612041300_inbox_current_indexes": inboxCurrentIndexes,
  "202612051000_answer_values": answerValues,
  "202612061200_capacity_matches": capacityMatches,
  "202612061500_export_files": exportFiles,
  "202612071100_export_machine_translation": exportMachineTranslation,
  "202612071200_free_text_answers": freeTextAnswers,
  "202612071500_figure_tallies": figureTallies,
  "202612081000_submitted_answers": submittedAnswers,
  "202612091000_uploaded_surveys": uploadedSurveys,
};
