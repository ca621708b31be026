/**
 * Conform's reserved fields: it reads them with JSON.parse (malformed, a server error) and lets
 * them skip validation. No form of the app sends them, so a posted one is dropped unread.
 */
const CONFORM_RESERVED = ["__intent__", "__state__"];

/**
 * The posted form, or a 400 when the body cannot be read as one (malformed encoding, wrong
 * content type), so that bad input never becomes a server error.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400, statusText: "Bad Request" });
  }
  for (const name of CONFORM_RESERVED) formData.delete(name);
  return formData;
}
