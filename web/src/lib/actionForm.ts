// Forms of actions (a case's or a hazard's next step, a blacklist decision …) described as data:
// each field is named by the API's own field path, so a refusal lands next to its field.
import type { Submission } from "@/lib/submit";

export type FieldKind = "text" | "textarea" | "money" | "integer" | "date" | "select" | "yesno" | "unit" | "files";
export type Value = string | boolean | string[];
export type Values = Record<string, Value>;

export interface FieldSpec<C> {
  /** The field's path in the API's body (`amount`, `five_ones.plan`): its 422 shows here. */
  name: string;
  label: string;
  kind: FieldKind;
  optional?: boolean;
  /** select: code → label */
  options?: Record<string, string>;
  /** unit: the unit kinds offered (all when absent) */
  unitKinds?: string[];
  hint?: string;
  initial?: (context: C) => Value;
  /** Shown but not editable (a record's identity once it exists). */
  fixed?: (context: C) => boolean;
}

export interface ActionSpec<C> {
  name: string;
  title: string;
  submit: string;
  tone?: "primary" | "success" | "warning" | "danger";
  fields: FieldSpec<C>[];
  send(context: C, values: Values): Promise<unknown>;
}

const EMPTY: Record<FieldKind, () => Value> = {
  text: () => "",
  textarea: () => "",
  money: () => "",
  integer: () => "",
  date: () => "",
  select: () => "",
  unit: () => "",
  yesno: () => true,
  files: () => [],
};

export function initialValues<C>(fields: FieldSpec<C>[], context: C): Values {
  return Object.fromEntries(fields.map((f) => [f.name, f.initial ? f.initial(context) : EMPTY[f.kind]()]));
}

/** A text value as the API takes it (trimmed); absent for an empty optional field. */
export const text = (value: Value | undefined): string => (typeof value === "string" ? value.trim() : "");
export const optionalText = (value: Value | undefined): string | undefined => text(value) || undefined;
export const whole = (value: Value | undefined): number => Number(text(value) || "0");

/** The refusal to show beside the button: the API's message unless every field it names is
 * shown under that field (a 409 or 403 names none). */
export function unplaced(submission: Submission, known: string[]): string {
  const named = Object.keys(submission.fields);
  return named.length && named.every((field) => known.includes(field)) ? "" : submission.error;
}
