/**
 * "Check" on the channels page: asks SMS.ru for the account's balance (`POST {base}/my/balance`,
 * json=1) with the saved api_id, and keeps the salon's SMS alert in step with the answer, so a
 * fixed account clears the banner without waiting for the next SMS.
 */
import type { Database } from "../db/database.ts";
import { validationError, type Problem } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { setChannelAlert } from "./channel-settings.ts";
import { PROVIDER_TIMEOUT_MS } from "./channels/outcome.ts";
import { CREDENTIALS, LOW_BALANCE_RUB } from "./channels/smsru.ts";
import { readSettings } from "./settings.ts";

export interface SmsCheckDeps {
  db: Database;
  clock: Clock;
  /** SMS.ru's base URL (https://sms.ru; a loopback fake in tests). */
  smsRu: string;
}

/** What the page tells the owner: a message key with its parameters, and whether all is well. */
export interface SmsCheckResult {
  ok: boolean;
  message: Problem;
}

interface BalanceAnswer {
  status?: "OK" | "ERROR";
  status_code?: number;
  balance?: number;
}

// Alerts a good answer proves wrong; limits and sender problems are not about the account's state.
const ACCOUNT_ALERTS: ReadonlySet<string> = new Set(["notification.alert.sms_credentials", "notification.alert.sms_balance", "notification.alert.sms_low_balance"]);

export async function checkSmsAccount(deps: SmsCheckDeps): Promise<SmsCheckResult> {
  const { smsruApiId } = await readSettings(deps.db.orm);
  if (!smsruApiId) throw validationError([{ field: "sms_api_id", key: "channels.sms_not_set" }]);
  let answer: BalanceAnswer;
  try {
    const body = new URLSearchParams({ api_id: smsruApiId, json: "1" });
    const response = await fetch(`${deps.smsRu}/my/balance`, { method: "POST", body, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    if (!response.ok) return unreachable();
    answer = (await response.json()) as BalanceAnswer;
  } catch {
    // Refused, timed out or not JSON: the reason is not the owner's to fix, and the URL is not logged.
    return unreachable();
  }
  const now = deps.clock.now();
  const code = answer.status_code ?? 0;
  if (answer.status === "OK" && typeof answer.balance === "number") {
    const balance = answer.balance.toFixed(2);
    if (answer.balance <= 0) await setChannelAlert(deps.db, "sms", { key: "notification.alert.sms_balance", params: {}, at: now });
    else if (answer.balance < LOW_BALANCE_RUB) await setChannelAlert(deps.db, "sms", { key: "notification.alert.sms_low_balance", params: { balance }, at: now });
    else await setChannelAlert(deps.db, "sms", null, ACCOUNT_ALERTS);
    return { ok: answer.balance >= LOW_BALANCE_RUB, message: { key: "channels.check.balance", params: { balance } } };
  }
  if (CREDENTIALS.has(code)) {
    await setChannelAlert(deps.db, "sms", { key: "notification.alert.sms_credentials", params: { code }, at: now });
    return { ok: false, message: { key: "notification.alert.sms_credentials", params: { code } } };
  }
  return { ok: false, message: { key: "channels.check.refused", params: { code } } };
}

const unreachable = (): SmsCheckResult => ({ ok: false, message: { key: "channels.check.unreachable" } });
