import type { Attribution } from "../schema.ts";

/** A demo person: one per State or partner organisation, all with the demo password. */
export interface DemoPerson {
  name: string;
  email: string;
}

export interface DemoState {
  /** ISO 3166-1 alpha-2 code of a UN Member State or observer State. */
  code: string;
  focalPoint: DemoPerson;
  /** The language the State answers in. */
  language: "en" | "fr" | "es";
}

export interface DemoPartner {
  /** A stable key, kebab-case. */
  key: string;
  type: string;
  name: string;
  acronym?: string;
  /** ISO alpha-2 code of the seat, when it has one. */
  country?: string;
  contact: DemoPerson;
  language: "en" | "fr" | "es";
}

export interface DemoAnswer {
  /** A State's ISO code or a partner's key. */
  organisation: string;
  /** The survey slug: capacity-needs, partnership-proposals or follow-up. */
  survey: string;
  status: "submitted" | "draft";
  attribution: Attribution;
  answers: Record<string, unknown>;
}
