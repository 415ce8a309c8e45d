/**
 * WhatsApp through Meta's Cloud API: `POST {base}/{phone-number-id}/messages` with the salon's
 * access token as Bearer, sending one of the salon's approved message templates. WhatsApp lets a
 * business start a conversation only with a template, so the text is the one Meta approved and we
 * fill its body variables, always these five in this order (docs/channels.md):
 *   {{1}} client name · {{2}} salon · {{3}} date and time · {{4}} services · {{5}} manage link
 */
import { networkOutcome, PROVIDER_TIMEOUT_MS, type SendOutcome } from "./outcome.ts";

export interface WhatsAppAccount {
  phoneNumberId: string;
  token: string;
  language: string;
}

export interface WhatsAppTemplate {
  name: string;
  /** The five body variables, in order. */
  parameters: readonly string[];
}

/** The Graph API's error envelope (the Cloud API's "error" object). */
interface GraphError {
  error?: { message?: string; type?: string; code?: number; error_data?: { details?: string } };
  messages?: Array<{ id?: string }>;
}

// Codes from the Cloud API's error reference, by what we can do about them.
// Throughput and rate limits: nothing was sent; try again later.
const RATE_LIMITED = new Set([4, 80007, 130429, 131048, 131056]);
// Temporary trouble on Meta's side, reported before the message was taken.
const TEMPORARY = new Set([2, 133004]);
// The access token or the app's permissions: the salon must fix its account.
const CREDENTIALS = new Set([0, 3, 10, 190]);
// The number cannot get this message (not on WhatsApp, not an allowed test number, opted out).
const RECIPIENT = new Set([131026, 131030, 131050]);
// The template: missing, not approved in this language, paused, disabled, variables not matching.
const TEMPLATE = new Set([132000, 132001, 132005, 132007, 132012, 132015, 132016]);

// An empty variable is refused by WhatsApp; a dash reads as "none" in every language.
const variable = (text: string) => ({ type: "text", text: text.trim() === "" ? "—" : text.slice(0, 1000) });

/** Sends `template` to the phone `to` (E.164, with or without "+"). */
export async function sendWhatsApp(baseUrl: string, account: WhatsAppAccount, to: string, template: WhatsAppTemplate): Promise<SendOutcome> {
  let status: number;
  let answer: GraphError;
  try {
    const response = await fetch(`${baseUrl}/${account.phoneNumberId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${account.token}` },
      body: JSON.stringify({
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: to.replace(/^\+/, ""),
        type: "template",
        template: {
          name: template.name,
          language: { code: account.language },
          components: [{ type: "body", parameters: template.parameters.map(variable) }],
        },
      }),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
    status = response.status;
    answer = (await response.json().catch(() => ({}))) as GraphError;
  } catch (error) {
    return networkOutcome("whatsapp", error);
  }
  const id = answer.messages?.[0]?.id;
  if (status === 200 && id) return { kind: "sent", providerMessageId: id, alert: "clear" };
  return classify(status, answer);
}

function classify(status: number, answer: GraphError): SendOutcome {
  const code = answer.error?.code;
  const error = `whatsapp ${code ?? `HTTP ${status}`}: ${(answer.error?.error_data?.details ?? answer.error?.message ?? "").slice(0, 200)}`;
  if (code === undefined) return status >= 500 ? { kind: "retry", error } : { kind: "failed", error };
  if (RATE_LIMITED.has(code)) return { kind: "retry", error, retryAfterMs: 60_000 };
  if (TEMPORARY.has(code)) return { kind: "retry", error };
  if (CREDENTIALS.has(code) || (code >= 200 && code <= 299)) return { kind: "failed", error, alert: { key: "notification.alert.whatsapp_token" } };
  if (RECIPIENT.has(code)) return { kind: "failed", error, recipient: true };
  if (TEMPLATE.has(code)) return { kind: "failed", error, alert: { key: "notification.alert.whatsapp_template" } };
  // 1 and 131000 ("something went wrong") may come after the message was taken: never sent twice.
  if (code === 1 || code === 131000) return { kind: "unknown", error };
  return { kind: "failed", error };
}
