/** A harness salon whose bot talks to a loopback Bot API: what the Telegram test files share. */
import { afterEach, beforeEach } from "bun:test";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { readSettings } from "../../notification/settings.ts";
import { botInfo, startBotApiFake, type BotApiFake, type BotCall } from "./bot-api-fake.ts";

export const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
export const OTHER_TOKEN = "987654321:ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
export const PUBLIC_URL = "https://zapis.example";

/** For each test: a fake Bot API that knows two bots, and a salon configured against it (`mode` of updates). */
export function botSalon(mode: "webhook" | "polling" = "webhook"): { readonly h: Harness; readonly api: BotApiFake } {
  let current: { h: Harness; api: BotApiFake } | undefined;
  beforeEach(async () => {
    const api = startBotApiFake({ [TOKEN]: botInfo(123456789, "lotos_salon_bot"), [OTHER_TOKEN]: botInfo(987654321, "other_salon_bot") });
    const h = await makeHarness({ env: { ZAPIS_TELEGRAM_API_URL: api.url, ZAPIS_PUBLIC_URL: PUBLIC_URL, ZAPIS_TELEGRAM_MODE: mode } });
    current = { h, api };
  });
  afterEach(async () => {
    current?.h.close();
    await current?.api.close();
  });
  return {
    get h() {
      return current!.h;
    },
    get api() {
      return current!.api;
    },
  };
}

/** Saves the bot token through the owner's API, as an integrator would. */
export async function connectBot(h: Harness, token = TOKEN): Promise<Response> {
  return h.api("PATCH", `/api/v1/businesses/${h.slug}`, { telegram: { bot_token: token } });
}

/** Posts an update to the salon's webhook with its secret (or the given one). */
export async function postUpdate(h: Harness, update: unknown, secret?: string): Promise<Response> {
  const s = secret ?? (await readSettings(h.db.orm)).telegramWebhookSecret;
  return h.request(`/api/v1/businesses/${h.slug}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": s },
    body: JSON.stringify(update),
  });
}

export interface Button {
  text: string;
  callback_data?: string;
  request_contact?: boolean;
  web_app?: { url: string };
}

/** The last message the bot sent or edited into (sendMessage / editMessageText), with its buttons. */
export function lastScreen(api: BotApiFake): { text: string; buttons: Button[]; call: BotCall } {
  const call = [...api.calls].reverse().find((c) => c.method === "sendMessage" || c.method === "editMessageText");
  if (!call) throw new Error("the bot said nothing");
  const markup = (call.body.reply_markup ?? {}) as { inline_keyboard?: Button[][]; keyboard?: Button[][] };
  return { text: String(call.body.text), buttons: [...(markup.inline_keyboard ?? []), ...(markup.keyboard ?? [])].flat(), call };
}
