import { readFormData } from "#app/request.server.ts";

/** The pages that take files: the survey list (a survey's JSON) and a survey's page (its next file, a translated workbook, a large translation table). */
export const SURVEY_UPLOAD_PATHS = /^\/surveys(\/[^/]+)?\/?$/;
/** Their limit, above the workbook's 5 MB and a form's overhead. */
export const SURVEY_UPLOAD_BODY_BYTES = 8 * 1024 * 1024;

/**
 * A posted form that may carry a file, read only when its body is within `maxBytes`: a larger
 * upload is refused before it is read, so that nobody can fill the server's memory.
 */
export async function readUploadForm(request: Request, maxBytes: number): Promise<{ ok: true; form: FormData } | { ok: false; reason: "too-large" }> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: true, form: await readFormData(request) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  const body = Buffer.concat(chunks);
  return { ok: true, form: await readFormData(new Request(request.url, { method: request.method, headers: request.headers, body })) };
}

/** The file posted in a field, or null when none was chosen. */
export function postedFile(form: FormData, field: string): File | null {
  const value = form.get(field);
  return value instanceof File && value.size > 0 ? value : null;
}
