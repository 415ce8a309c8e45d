/** "My visits" in the bot: the upcoming visits of the clients linked to the chat, and cancelling one within the salon's policy. */
import { InlineKeyboard } from "grammy";
import { cancelBooking } from "../booking/change.ts";
import { bookingDeps } from "../booking/links.ts";
import { AppError } from "../error/app-error.ts";
import { formatLocalDateTime } from "../time/format.ts";
import { actionData } from "./callback.ts";
import { linkedClients, upcomingVisits, visitOfChat } from "./chats.ts";
import type { Screen, Turn } from "./dialogue.ts";

const when = (turn: Turn, start: number) => formatLocalDateTime(start, turn.profile.timezone, turn.locale);

async function chatClientIds(turn: Turn): Promise<number[]> {
  return (await linkedClients(turn.deps.db.orm, turn.chatId)).map((c) => c.id);
}

export async function showVisits(turn: Turn, lead?: string): Promise<Screen> {
  const visits = await upcomingVisits(turn.deps.db.orm, await chatClientIds(turn), turn.deps.clock.now());
  const keyboard = new InlineKeyboard();
  for (const v of visits) keyboard.text(turn.say("telegram.bot.cancel", { when: when(turn, v.startTs) }), actionData({ kind: "cancel", bookingId: v.id })).row();
  keyboard.text(turn.say("telegram.bot.book"), actionData({ kind: "book" }));
  const lines = visits.map((v) => `• ${v.service}, ${when(turn, v.startTs)}`);
  const text = visits.length > 0 ? [turn.say("telegram.bot.visits"), ...lines].join("\n") : turn.say("telegram.bot.no_visits");
  return { text: lead ? `${lead}\n\n${text}` : text, keyboard };
}

/**
 * Asks, then (`confirmed`) cancels one of the chat's visits as the client would on the manage page:
 * cancelBooking applies the salon's window. A visit that is not this chat's is not found.
 */
export async function cancelVisit(turn: Turn, bookingId: number, confirmed: boolean): Promise<Screen> {
  const visit = await visitOfChat(turn.deps.db.orm, await chatClientIds(turn), bookingId, turn.deps.clock.now());
  if (!visit) return showVisits(turn);
  const params = { service: visit.service, when: when(turn, visit.startTs) };
  if (!confirmed) {
    const keyboard = new InlineKeyboard()
      .text(turn.say("telegram.bot.cancel_yes"), actionData({ kind: "cancelConfirmed", bookingId }))
      .row()
      .text("←", actionData({ kind: "visits" }));
    return { text: turn.say("telegram.bot.cancel_ask", params), keyboard };
  }
  try {
    await cancelBooking(bookingDeps(turn.deps.db, turn.deps, turn.deps.slug), { bookingId, by: { kind: "client" } });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return showVisits(turn, turn.say("telegram.bot.cancel_late"));
  }
  return showVisits(turn, turn.say("telegram.bot.cancelled", params));
}
