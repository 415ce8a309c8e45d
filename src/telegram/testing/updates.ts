/** Update JSON as the Bot API sends it (message, contact, callback_query), for a private chat with one user. */
export interface TelegramUser {
  id: number;
  first_name: string;
  last_name?: string;
  language_code?: string;
}

let nextId = 1;
const now = () => Math.floor(Date.now() / 1000);
const chat = (user: TelegramUser) => ({ id: user.id, type: "private", first_name: user.first_name });
const from = (user: TelegramUser) => ({ is_bot: false, ...user });

export function textUpdate(user: TelegramUser, text: string): Record<string, unknown> {
  const command = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] : undefined;
  return { update_id: nextId++, message: { message_id: nextId++, date: now(), chat: chat(user), from: from(user), text, ...(command ? { entities: command } : {}) } };
}

/** A contact card sent in the chat: the user's own (`ownerId` = their id) or someone else's. */
export function contactUpdate(user: TelegramUser, phone: string, ownerId: number | undefined = user.id): Record<string, unknown> {
  const contact = { phone_number: phone, first_name: user.first_name, ...(user.last_name ? { last_name: user.last_name } : {}), ...(ownerId !== undefined ? { user_id: ownerId } : {}) };
  return { update_id: nextId++, message: { message_id: nextId++, date: now(), chat: chat(user), from: from(user), contact } };
}

/** A press of an inline button with `data` on the bot's message `messageId`. */
export function callbackUpdate(user: TelegramUser, data: string, messageId = 1): Record<string, unknown> {
  return {
    update_id: nextId++,
    callback_query: {
      id: String(4_000_000_000_000_000 + nextId++),
      from: from(user),
      chat_instance: "-1",
      data,
      message: { message_id: messageId, date: now(), chat: chat(user), from: { id: 1, is_bot: true, first_name: "bot" }, text: "…" },
    },
  };
}
