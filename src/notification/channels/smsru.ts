import { networkOutcome, PROVIDER_TIMEOUT_MS, type SendOutcome } from "./outcome.ts";

/** The salon's SMS.ru account. */
export interface SmsRuAccount {
  apiId: string;
  sender: string | null;
}

/** SMS.ru's JSON answer to sms/send (json=1): a request status plus one status per number. */
interface SmsRuAnswer {
  status?: "OK" | "ERROR";
  status_code?: number;
  status_text?: string;
  balance?: number;
  sms?: Record<string, { status?: "OK" | "ERROR"; status_code?: number; sms_id?: string; status_text?: string }>;
}

/** Below this balance (in rubles) the salon is warned before messages start failing. */
export const LOW_BALANCE_RUB = 50;

// Request-level codes: the account, not the number, is at fault.
export const CREDENTIALS = new Set([200, 300, 301, 302]);
const TRY_LATER = new Set([220, 500]);
// Number-level codes: this client's phone cannot get SMS from us; another channel may work.
const UNREACHABLE = new Set([150, 202, 207, 209, 214, 215]);
const LIMITS = new Set([206, 230, 231, 232]);
const HOUR_MS = 3_600_000;

/** Sends one SMS through SMS.ru (`POST {base}/sms/send`) and classifies its answer. */
export async function sendSms(baseUrl: string, account: SmsRuAccount, to: string, text: string): Promise<SendOutcome> {
  const number = to.replace(/^\+/, "");
  const form = new URLSearchParams({ api_id: account.apiId, to: number, msg: text, json: "1" });
  if (account.sender) form.set("from", account.sender);
  let answer: SmsRuAnswer;
  try {
    const response = await fetch(`${baseUrl}/sms/send`, { method: "POST", body: form, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    if (response.status >= 500) return { kind: "retry", error: `sms.ru: HTTP ${response.status}` };
    answer = (await response.json()) as SmsRuAnswer;
  } catch (error) {
    return networkOutcome("sms.ru", error);
  }
  return classify(answer, number);
}

function classify(answer: SmsRuAnswer, number: string): SendOutcome {
  const code = answer.status_code ?? 0;
  const text = (answer.status_text ?? "").slice(0, 200);
  if (answer.status !== "OK") {
    const error = `sms.ru ${code}: ${text}`;
    if (CREDENTIALS.has(code)) return { kind: "failed", error, alert: { key: "notification.alert.sms_credentials", params: { code } } };
    if (code === 201) return { kind: "retry", error, retryAfterMs: HOUR_MS, alert: { key: "notification.alert.sms_balance" } };
    if (code === 204) return { kind: "failed", error, alert: { key: "notification.alert.sms_sender" } };
    if (TRY_LATER.has(code)) return { kind: "retry", error };
    return { kind: "failed", error };
  }
  const mine = answer.sms?.[number];
  const balance = answer.balance;
  const balanceAlert =
    typeof balance === "number" && balance < LOW_BALANCE_RUB
      ? { key: "notification.alert.sms_low_balance" as const, params: { balance: balance.toFixed(2) } }
      : ("clear" as const);
  if (mine?.status === "OK") return { kind: "sent", providerMessageId: mine.sms_id ?? null, alert: balanceAlert };
  const numberCode = mine?.status_code ?? 0;
  const error = `sms.ru ${numberCode}: ${(mine?.status_text ?? "no status for the number").slice(0, 200)}`;
  if (UNREACHABLE.has(numberCode)) return { kind: "failed", error, recipient: true };
  if (LIMITS.has(numberCode)) return { kind: "retry", error, retryAfterMs: HOUR_MS, alert: { key: "notification.alert.sms_limit", params: { code: numberCode } } };
  if (TRY_LATER.has(numberCode)) return { kind: "retry", error };
  return { kind: "failed", error };
}
