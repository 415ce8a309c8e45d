/**
 * Connecting a salon's bot: the owner saves a token (write-only), the product asks Telegram who the
 * bot is (getMe) and then tells Telegram where its updates go — setWebhook on the operator's public
 * URL with a fresh random secret_token, or, in polling mode, no webhook so getUpdates may run.
 * The Bot API base comes only from the operator (ZAPIS_TELEGRAM_API_URL); the webhook URL only from
 * ZAPIS_PUBLIC_URL and the slug — never from a string the salon typed.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Config } from "../config/config.ts";
import type { Database, Tx } from "../db/database.ts";
import { AppError, validationError, type Problem } from "../error/app-error.ts";
import { setChannelAlert } from "../notification/channel-settings.ts";
import { notificationSettings } from "../notification/schema.ts";
import { readSettings, type NotificationSettings } from "../notification/settings.ts";
import type { Clock } from "../time/clock.ts";

export type TelegramConfig = Pick<Config, "telegramApiUrl" | "telegramMode" | "publicUrl" | "yookassaUrl">;

export interface TelegramDeps {
  db: Database;
  clock: Clock;
  slug: string;
  config: TelegramConfig;
}

/** The update kinds the bot reads; Telegram sends no others. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

// The documented token shape (digits, colon, secret): anything else is refused before any request.
const BOT_TOKEN = /^\d{3,15}:[A-Za-z0-9_-]{20,100}$/;

/**
 * grammY, loaded with the first Bot API call or update: most salons have no bot, and evaluating it
 * (with its HTTP client) cost every server start ~10 ms of CPU (issue 20).
 */
export const grammy = () => import("grammy");

/** A Bot API client for `token`; `timeoutSeconds` must outlast a long poll's own timeout. */
export async function botApi(config: Pick<Config, "telegramApiUrl">, token: string, timeoutSeconds = 15): Promise<Api> {
  const { Api } = await grammy();
  return new Api(token, { apiRoot: config.telegramApiUrl, timeoutSeconds });
}

/** Where Telegram posts this salon's updates (the operator's base, never a salon string). */
export const webhookUrl = (config: Pick<Config, "publicUrl">, slug: string) => `${config.publicUrl}/api/v1/businesses/${slug}/telegram/webhook`;

/** The bot as getMe described it when its token was saved; null when no bot is set. */
export function botInfoOf(settings: NotificationSettings): UserFromGetMe | null {
  if (!settings.telegramBotToken || !settings.telegramBotInfo) return null;
  try {
    const info = JSON.parse(settings.telegramBotInfo) as UserFromGetMe;
    return typeof info.id === "number" && typeof info.username === "string" ? info : null;
  } catch {
    return null;
  }
}

/** What the API and admin may show of the bot: whether a token is saved, and the bot's public username. */
export async function telegramStatus(db: Database): Promise<{ bot_token_set: boolean; bot_username: string | null }> {
  const settings = await readSettings(db.orm);
  return { bot_token_set: settings.telegramBotToken !== null, bot_username: settings.telegramBotToken ? settings.telegramBotUsername : null };
}

/**
 * Saves (or with null, forgets) the salon's bot token. A new token is checked with getMe first:
 * Telegram refusing it, or not answering, changes nothing. Then the secret is renewed and the
 * updates are routed (setWebhook / deleteWebhook). The audit records that the token changed and
 * the bot's public username — never the token.
 */
export async function saveBotToken(deps: TelegramDeps, actor: Actor, token: string | null): Promise<void> {
  const current = await readSettings(deps.db.orm);
  if (token === null) {
    if (!current.telegramBotToken) return;
    await deps.db.write(async (tx) => {
      await tx
        .update(notificationSettings)
        .set({ telegramBotToken: null, telegramBotUsername: null, telegramBotInfo: null, telegramWebhookUrl: null })
        .where(eq(notificationSettings.id, 1));
      await audit(deps, tx, actor, { changed: ["telegram_token"], telegram_token: "removed" });
    });
    // The old bot stops posting here; a failure is harmless, the secret below no longer matches anyway.
    await botApi(deps.config, current.telegramBotToken).then((api) => api.deleteWebhook()).catch(() => undefined);
    return;
  }
  const shape = botTokenProblems(token);
  if (shape.length > 0) throw validationError(shape);
  // the same token typed again: nothing to change, but its updates are routed (again) if they were not
  if (token === current.telegramBotToken) return void (await routeUpdates(deps).catch(() => undefined));
  const info = await askGetMe(deps.config, token);
  await deps.db.write(async (tx) => {
    await tx
      .update(notificationSettings)
      .set({
        telegramBotToken: token,
        telegramBotUsername: info.username,
        telegramBotInfo: JSON.stringify(info),
        telegramWebhookSecret: randomBytes(24).toString("hex"),
        telegramWebhookUrl: null,
      })
      .where(eq(notificationSettings.id, 1));
    await audit(deps, tx, actor, { changed: ["telegram_token"], telegram_username: info.username });
  });
  // The token is good and saved; a refused webhook (a plain-http public URL) becomes the salon's
  // alert, and the telegram job tries again.
  await routeUpdates(deps).catch(() => undefined);
}

/** What is wrong with a typed token's shape (checked before any request, with the rest of a form). */
export const botTokenProblems = (token: string): Problem[] => (BOT_TOKEN.test(token) ? [] : [{ field: "telegram_token", key: "channels.token_invalid" }]);

/**
 * Makes Telegram deliver the bot's updates the way this installation runs: webhook mode registers
 * (again, when the public URL changed) the webhook with the stored secret; polling mode removes
 * any webhook. Returns what it did, for the job's log; a Bot API error propagates.
 */
export async function routeUpdates(deps: TelegramDeps): Promise<string> {
  const settings = await readSettings(deps.db.orm);
  const token = settings.telegramBotToken;
  if (!token) return "no bot";
  const api = await botApi(deps.config, token);
  if (deps.config.telegramMode === "polling") {
    if (settings.telegramWebhookUrl === null) return "polling";
    await api.deleteWebhook();
    await storeWebhookUrl(deps.db, token, null);
    return "webhook removed for polling";
  }
  const url = webhookUrl(deps.config, deps.slug);
  if (settings.telegramWebhookUrl === url) return "webhook in place";
  try {
    await api.setWebhook(url, { secret_token: settings.telegramWebhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
  } catch (error) {
    if (error instanceof (await grammy()).GrammyError) {
      const reason = error.description.slice(0, 200);
      await setChannelAlert(deps.db, "telegram", { key: "notification.alert.telegram_webhook", params: { reason }, at: deps.clock.now() });
    }
    throw error;
  }
  await storeWebhookUrl(deps.db, token, url);
  await setChannelAlert(deps.db, "telegram", null, WEBHOOK_ALERT);
  return "webhook registered";
}

const WEBHOOK_ALERT: ReadonlySet<string> = new Set(["notification.alert.telegram_webhook"]);

/** Records where updates go — unless the token changed meanwhile (its own save routes it). */
async function storeWebhookUrl(db: Database, token: string, url: string | null): Promise<void> {
  await db.write((tx) => tx.update(notificationSettings).set({ telegramWebhookUrl: url }).where(eq(notificationSettings.telegramBotToken, token)));
}

async function askGetMe(config: Pick<Config, "telegramApiUrl">, token: string): Promise<UserFromGetMe> {
  try {
    const info = await (await botApi(config, token)).getMe();
    if (info.is_bot && typeof info.username === "string") return info;
  } catch (error) {
    const { GrammyError, HttpError } = await grammy();
    if (error instanceof GrammyError) throw validationError([{ field: "telegram_token", key: "telegram.token_refused" }]);
    if (!(error instanceof HttpError)) throw error;
    throw new AppError("VALIDATION_ERROR", [{ field: "telegram_token", key: "telegram.unreachable" }]);
  }
  throw validationError([{ field: "telegram_token", key: "telegram.token_refused" }]);
}

function audit(deps: TelegramDeps, tx: Tx, actor: Actor, details: Record<string, unknown>) {
  return recordAudit(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "notification_settings.update", entity: "notification_settings", details });
}
