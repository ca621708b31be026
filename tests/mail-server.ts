import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as sent: headers and body. */
  raw: string;
}

/** What the server answers for one recipient: a refusal with an SMTP code, or taking it. */
export type Refusal = { code: number; message: string };

export interface MailServer {
  port: number;
  received: ReceivedMail[];
  /** Refusals by recipient address, used in turn; an address with none left is taken. */
  refusals: Map<string, Refusal[]>;
  close(): Promise<void>;
}

/**
 * A mail server on 127.0.0.1 for tests: plain SMTP without TLS or sign-in, as a relay on the
 * local network would be. It keeps what it takes and refuses what `refusals` says.
 */
export async function startMailServer(): Promise<MailServer> {
  const received: ReceivedMail[] = [];
  const refusals = new Map<string, Refusal[]>();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address)?.shift();
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        received.push({ from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, refusals, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Points the app's configuration at the server: call before anything reads the configuration. */
export function sendMailThrough(server: MailServer): void {
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String(server.port);
  process.env.SMTP_SECURE = "false";
  process.env.MAIL_FROM = "Consulta tests <consulta@example.org>";
}
