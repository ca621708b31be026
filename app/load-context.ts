/** What the HTTP server gives every loader and action besides the request. */
export interface ConsultaLoadContext {
  /** The nonce of this response's Content-Security-Policy, for inline scripts. */
  nonce: string;
  /** The client's address as the server sees it (behind a proxy: the first trusted hop). */
  ip: string | null;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends ConsultaLoadContext {}
}
