import nodemailer, { type Transporter } from "nodemailer";
import type { OutgoingMessage, SendOutcome } from "./outcome.ts";

export interface SmtpAccount {
  url: string;
  from: string;
}

/** SMTP reply phases before the message body is handed over: a failure there never delivered it. */
const BEFORE_DATA = new Set(["CONN", "EHLO", "HELO", "STARTTLS", "AUTH PLAIN", "AUTH LOGIN", "AUTH XOAUTH2", "MAIL FROM", "RCPT TO"]);
const NOT_CONNECTED = new Set(["ECONNECTION", "EDNS", "ETLS", "ESOCKET_CONNECT"]);

/** Pooled SMTP transports, one per URL, shared by every tenant that uses that server. */
export class Mailer {
  private readonly transports = new Map<string, Transporter>();

  async send(account: SmtpAccount, message: OutgoingMessage): Promise<SendOutcome> {
    try {
      const info = await this.transport(account.url).sendMail({
        from: account.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.id,
        headers: message.headers,
        attachments: message.attachments,
      });
      const rejected = (info.rejected ?? []).length > 0;
      if (rejected) return { kind: "failed", error: `smtp: recipient rejected`, recipient: true };
      return { kind: "sent", providerMessageId: info.messageId ?? message.id, alert: "clear" };
    } catch (error) {
      return classify(error);
    }
  }

  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }

  private transport(url: string): Transporter {
    let transport = this.transports.get(url);
    if (!transport) {
      // the options go in the one object with the URL: a second argument would be message defaults
      transport = nodemailer.createTransport({
        url,
        pool: true,
        maxConnections: 5,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      } as Parameters<typeof nodemailer.createTransport>[0]);
      this.transports.set(url, transport);
    }
    return transport;
  }
}

function classify(error: unknown): SendOutcome {
  const e = error as { code?: string; responseCode?: number; command?: string; response?: string };
  const reply = e.responseCode ? ` ${e.responseCode} ${(e.response ?? "").slice(0, 160)}` : "";
  const error_ = `smtp ${e.code ?? "error"}${e.command ? ` at ${e.command}` : ""}:${reply || " no reply"}`;
  if (e.code === "EAUTH") return { kind: "failed", error: error_, alert: { key: "notification.alert.email_auth" } };
  if (e.responseCode && e.responseCode >= 500) {
    return { kind: "failed", error: error_, recipient: e.command === "RCPT TO" };
  }
  if (e.responseCode && e.responseCode >= 400) return { kind: "retry", error: error_ };
  if ((e.code && NOT_CONNECTED.has(e.code)) || (e.command && BEFORE_DATA.has(e.command))) return { kind: "retry", error: error_ };
  return { kind: "unknown", error: `${error_}; it may have been sent, so it is not retried` };
}
