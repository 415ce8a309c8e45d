/**
 * Where every update of a salon's bot enters, from the webhook or the poller: the secret check of
 * the webhook, the shape check, and the dialogue. A failing update is logged (never with the
 * token) and dropped, so Telegram does not re-send it forever and the poller moves on.
 */
import { timingSafeEqual } from "node:crypto";
import type { Update } from "grammy/types";
import type { Database } from "../db/database.ts";
import { logLine } from "../http/log.ts";
import { readSettings } from "../notification/settings.ts";
import { botInfoOf, type TelegramDeps } from "./setup.ts";

/** Whether the X-Telegram-Bot-Api-Secret-Token header is the one this salon's webhook was registered with. */
export async function webhookSecretMatches(db: Database, secret: string | undefined): Promise<boolean> {
  const settings = await readSettings(db.orm);
  const expected = Buffer.from(settings.telegramWebhookSecret);
  const given = Buffer.from(secret ?? "");
  return settings.telegramBotToken !== null && given.length === expected.length && timingSafeEqual(given, expected);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** An Update as the Bot API sends it: an object with a whole update_id (its other fields are read by grammY's filters). */
export const isUpdate = (body: unknown): body is Update => isRecord(body) && Number.isSafeInteger(body.update_id) && (body.update_id as number) >= 0;

/** Runs the dialogue for one update; false when the salon has no bot (any more). */
export async function receiveUpdate(deps: TelegramDeps, update: Update): Promise<boolean> {
  const settings = await readSettings(deps.db.orm);
  const info = botInfoOf(settings);
  if (!info || !settings.telegramBotToken) return false;
  try {
    // the dialogue and grammY load with the first update (src/telegram/setup.ts: grammy)
    const { salonBot } = await import("./dialogue.ts");
    await salonBot(deps, settings.telegramBotToken, info).handleUpdate(update);
  } catch (error) {
    const cause = error instanceof Error && "error" in error ? (error as { error: unknown }).error : error;
    logLine({ level: "warn", msg: "telegram update failed", tenant: deps.slug, update: update.update_id, error: cause instanceof Error ? cause.message : String(cause) });
  }
  return true;
}
