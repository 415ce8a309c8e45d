/**
 * What one attempt to hand a message to a provider came to. The split matters for "never twice":
 * - sent:    the provider took it.
 * - retry:   it certainly did NOT reach the provider (refused connection, 4xx SMTP reply, "try
 *            later" codes): safe to try again after a backoff.
 * - failed:  it never will work (bad address, blocked bot, rejected content). `recipient` marks
 *            failures of the client's address, after which the next channel is tried.
 * - unknown: the request may have been accepted (timeout or reset mid-request): never retried.
 * `alert` is something the salon must act on (bad credentials, low balance); "clear" removes it.
 */
export type SendOutcome =
  | ({ kind: "sent"; providerMessageId: string | null } & Alerting)
  | ({ kind: "retry"; error: string; retryAfterMs?: number } & Alerting)
  | ({ kind: "failed"; error: string; recipient?: boolean } & Alerting)
  | ({ kind: "unknown"; error: string } & Alerting);

export interface Alerting {
  alert?: AdminAlert | "clear";
}

export interface AdminAlert {
  key: AlertKey;
  params?: Record<string, string | number>;
}

export type AlertKey =
  | "notification.alert.sms_credentials"
  | "notification.alert.sms_balance"
  | "notification.alert.sms_low_balance"
  | "notification.alert.sms_sender"
  | "notification.alert.sms_limit"
  | "notification.alert.telegram_token"
  | "notification.alert.email_auth"
  | "notification.alert.email_unconfigured"
  | "notification.alert.email_server_refused"
  // issue 16
  | "notification.alert.whatsapp_token"
  | "notification.alert.whatsapp_template";

/** One outgoing message, already rendered. */
export interface OutgoingMessage {
  /** Our id for it, stable across attempts (the email Message-ID). */
  id: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: OutgoingAttachment[];
}

export interface OutgoingAttachment {
  filename: string;
  content: string;
  contentType: string;
}

// Errors thrown by fetch before any byte reached the provider: sending again is safe.
const NOT_CONNECTED = new Set(["ConnectionRefused", "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "FailedToOpenSocket"]);

/** A network failure of an HTTP provider call, classified without echoing URLs (they carry tokens). */
export function networkOutcome(provider: string, error: unknown): SendOutcome {
  const code = (error as { code?: unknown })?.code;
  const name = (error as { name?: unknown })?.name;
  const label = typeof code === "string" ? code : typeof name === "string" ? name : "error";
  if (typeof code === "string" && NOT_CONNECTED.has(code)) {
    return { kind: "retry", error: `${provider}: could not connect (${label})` };
  }
  return { kind: "unknown", error: `${provider}: no answer (${label}); it may have been sent, so it is not retried` };
}

/** HTTP timeout for one provider call: well under the send lease (delivery.ts). */
export const PROVIDER_TIMEOUT_MS = 20_000;
