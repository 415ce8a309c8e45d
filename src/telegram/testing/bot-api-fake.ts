/**
 * A Telegram Bot API server on loopback, speaking its wire format as documented: `POST
 * /bot<token>/<method>` with a JSON body, answered `{ok: true, result}` or `{ok: false, error_code,
 * description}` with that HTTP status. It knows the bots it was given (others get 401), keeps each
 * bot's webhook (https only, as Telegram demands; getUpdates refused while one is set), queues
 * updates for getUpdates (long-polled up to the asked timeout), and records every call.
 */
import type { UserFromGetMe } from "grammy/types";

export interface BotCall {
  token: string;
  method: string;
  body: Record<string, unknown>;
}

export interface BotApiFake {
  url: string;
  calls: BotCall[];
  /** The calls of one method, in order. */
  callsOf(method: string): BotCall[];
  /** The webhook a bot registered (url and secret_token); undefined when none. */
  webhookOf(token: string): { url: string; secret: string | null } | undefined;
  /** Makes an update available to the bot's getUpdates (update_id assigned in order). */
  queueUpdate(token: string, update: Record<string, unknown>): number;
  close(): Promise<void>;
}

export interface BotApiFakeOptions {
  /** chat ids that blocked the bot: sendMessage answers the Bot API's 403. */
  blocked?: ReadonlySet<string>;
}

/** A bot's getMe answer, as Telegram gives it. */
export const botInfo = (id: number, username: string): UserFromGetMe => ({
  id,
  is_bot: true,
  first_name: username,
  username,
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe);

const fail = (code: number, description: string) => Response.json({ ok: false, error_code: code, description }, { status: code });
const ok = (result: unknown) => Response.json({ ok: true, result });

export function startBotApiFake(bots: Record<string, UserFromGetMe>, options: BotApiFakeOptions = {}): BotApiFake {
  const calls: BotCall[] = [];
  const webhooks = new Map<string, { url: string; secret: string | null }>();
  const queues = new Map<string, Array<Record<string, unknown>>>();
  const waiting = new Set<() => void>();
  let nextUpdateId = 1000;
  let nextMessageId = 1;

  const message = (chatId: unknown, text: unknown, extra: Record<string, unknown> = {}) => ({
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number(chatId), type: "private" },
    text,
    ...extra,
  });

  async function getUpdates(token: string, body: Record<string, unknown>): Promise<Response> {
    if (webhooks.has(token)) return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = typeof body.offset === "number" ? body.offset : 0;
    const queue = queues.get(token) ?? [];
    // an offset confirms every update before it: Telegram forgets them
    queues.set(token, queue.filter((u) => (u.update_id as number) >= offset));
    const due = () => queues.get(token)!;
    if (due().length === 0 && typeof body.timeout === "number" && body.timeout > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiting.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, (body.timeout as number) * 1000);
        waiting.add(wake);
      });
    }
    return ok(due().slice(0, 100));
  }

  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 60,
    async fetch(request) {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(request.url).pathname);
      if (!match || request.method !== "POST") return fail(404, "Not Found");
      const [, token, method] = match as unknown as [string, string, string];
      const text = await request.text();
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      calls.push({ token, method, body });
      const bot = bots[token];
      if (!bot) return fail(401, "Unauthorized");
      switch (method) {
        case "getMe":
          return ok(bot);
        case "setWebhook": {
          const url = String(body.url ?? "");
          if (!url.startsWith("https://")) return fail(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
          webhooks.set(token, { url, secret: typeof body.secret_token === "string" ? body.secret_token : null });
          return ok(true);
        }
        case "deleteWebhook":
          webhooks.delete(token);
          return ok(true);
        case "getUpdates":
          return getUpdates(token, body);
        case "sendMessage":
          if (options.blocked?.has(String(body.chat_id))) return fail(403, "Forbidden: bot was blocked by the user");
          return ok(message(body.chat_id, body.text, body.reply_markup ? { reply_markup: body.reply_markup } : {}));
        case "editMessageText":
          return ok(message(body.chat_id, body.text, { message_id: body.message_id, edit_date: Math.floor(Date.now() / 1000) }));
        case "answerCallbackQuery":
          return ok(true);
        default:
          return fail(404, "Not Found: method not found");
      }
    },
  });

  return {
    url: `http://127.0.0.1:${server.port}`,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    webhookOf: (token) => webhooks.get(token),
    queueUpdate(token, update) {
      const id = nextUpdateId++;
      queues.set(token, [...(queues.get(token) ?? []), { ...update, update_id: id }]);
      for (const wake of [...waiting]) wake();
      return id;
    },
    close: async () => {
      for (const wake of [...waiting]) wake();
      await server.stop(true);
    },
  };
}
