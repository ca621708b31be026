/**
 * The posted form, or a 400 when the body cannot be read as one (malformed encoding, wrong
 * content type), so that bad input never becomes a server error.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400, statusText: "Bad Request" });
  }
}
