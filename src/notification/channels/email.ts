import type { Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { isIP } from "node:net";
import { PrivateHostError, publicAddressOf } from "../../net/private-host.ts";
import type { OutgoingMessage, SendOutcome } from "./outcome.ts";
import { parseSmtpUrl, type SmtpServer } from "./smtp-address.ts";

export interface SmtpAccount {
  url: string;
  from: string;
  /** Typed by a salon (not the operator's SMTP_URL): only a public host is contacted. */
  salon: boolean;
}

export interface MailerOptions {
  /** ZAPIS_ALLOW_PRIVATE_HOSTS: a salon's server may be on a private or loopback address. */
  allowPrivateHosts: boolean;
  /** How long to wait for the TCP connection, the server's greeting, and any later reply. */
  timeouts?: { connectionMs: number; greetingMs: number; socketMs: number };
}

// Well under the send lease (delivery.ts): a silent server costs seconds, not nodemailer's 30 s
// greeting wait or its 10 min socket timeout.
const TIMEOUTS = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 20_000 };

/** SMTP reply phases before the message body is handed over: a failure there never delivered it. */
const BEFORE_DATA = new Set(["CONN", "EHLO", "HELO", "STARTTLS", "AUTH PLAIN", "AUTH LOGIN", "AUTH XOAUTH2", "MAIL FROM", "RCPT TO"]);
const NOT_CONNECTED = new Set(["ECONNECTION", "EDNS", "ETLS", "ESOCKET_CONNECT"]);

/** Pooled SMTP transports, one per server and login, shared by every tenant that uses that server. */
export class Mailer {
  private readonly transports = new Map<string, Transporter>();

  constructor(private readonly options: MailerOptions) {}

  async send(account: SmtpAccount, message: OutgoingMessage): Promise<SendOutcome> {
    const server = parseSmtpUrl(account.url);
    if (!server) return refused("the address is not a plain smtp:// or smtps:// URL");
    let address: string;
    try {
      address = await publicAddressOf(server.host, !account.salon || this.options.allowPrivateHosts);
    } catch (error) {
      if (error instanceof PrivateHostError) return refused(error.message);
      // the name did not resolve: nothing was sent, try again later
      return { kind: "retry", error: `smtp: ${server.host} did not resolve` };
    }
    try {
      const info = await (await this.transport(server, address)).sendMail({
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

  /**
   * A transport built from explicit options only; `address` is the checked address of `server.host`.
   * nodemailer is imported with the first transport: its modules were the largest share of what
   * every start evaluated (~45 ms of ~280 ms unbundled), for a server that may never send an e-mail.
   */
  private async transport(server: SmtpServer, address: string): Promise<Transporter> {
    const timeouts = this.options.timeouts ?? TIMEOUTS;
    const options: SMTPPool.Options = {
      pool: true,
      maxConnections: 5,
      host: address,
      port: server.port,
      secure: server.secure,
      // TLS checks the certificate against the name the salon typed, not the address we connect to
      ...(isIP(server.host) === 0 ? { servername: server.host } : {}),
      ...(server.user ? { auth: { user: server.user, pass: server.password ?? "" } } : {}),
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
    };
    const key = JSON.stringify(options);
    const pooled = this.transports.get(key);
    if (pooled) return pooled;
    const { createTransport } = await import("nodemailer");
    // another send may have made it while this one waited for the import
    const transport = this.transports.get(key) ?? createTransport(options);
    this.transports.set(key, transport);
    return transport;
  }
}

/** Never handed to a server: the salon's address is not one Zapis may contact. */
const refused = (reason: string): SendOutcome => ({
  kind: "failed",
  error: `smtp: server refused by Zapis: ${reason}`,
  alert: { key: "notification.alert.email_server_refused" },
});

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
