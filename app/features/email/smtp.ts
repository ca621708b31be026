import nodemailer from "nodemailer";
import type { Env } from "#app/features/config/env.ts";
import type { Transport } from "./outbox.ts";

/** An SMTP transport when SMTP_HOST is set; otherwise none, and e-mail stays in the outbox. */
export function smtpTransport(env: Env): Transport | null {
  if (!env.SMTP_HOST) return null;
  const transporter = nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } : undefined,
    // A slow mail server must not hold a secretariat's page for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return async ({ to, subject, text }) => {
    await transporter.sendMail({ from: env.MAIL_FROM, to, subject, text });
  };
}
