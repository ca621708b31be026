import { Form, useNavigation } from "@remix-run/react";

export const JSON_FILES = ".json,application/json";
export const XLSX_FILES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A form that posts one file (multipart), with its label, an optional hidden intent and its
 * button; the button waits while the form is sent.
 */
export function FileForm({
  id,
  name,
  label,
  accept,
  submit,
  intent,
  describedBy,
  quiet = false,
}: {
  id: string;
  name: string;
  label: string;
  accept: string;
  submit: string;
  intent?: string;
  describedBy?: string;
  quiet?: boolean;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" encType="multipart/form-data" className="stack">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} name={name} type="file" accept={accept} required aria-describedby={describedBy} />
      </div>
      <button type="submit" className={quiet ? "button button--quiet" : "button"} disabled={busy}>
        {submit}
      </button>
    </Form>
  );
}
