/**
 * The salon bot's booking dialogue (grammY): /start → service → master or "any" → day → time, then
 * the client's own contact (request_contact) for the phone, a summary, and the booking through the
 * same createBooking as the pages (source "telegram"). Days and times come from the pages' picker
 * (the salon's availability engine), never a second one. Only private chats are served.
 */
import { Bot, GrammyError, InlineKeyboard, Keyboard, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { clockTime, dayLabel } from "../../views/admin/format.ts";
import { createBooking } from "../booking/booking.ts";
import { bookingDeps, managePath } from "../booking/links.ts";
import { pickerData } from "../booking/picker.ts";
import { getBooking, mastersFor } from "../booking/queries.ts";
import { isUnavailable } from "../booking/recheck.ts";
import { getProfile, type Profile } from "../business/business.ts";
import { listPublicCatalogue } from "../catalogue/queries.ts";
import { formatPhone, normalizePhone } from "../client/phone.ts";
import { AppError } from "../error/app-error.ts";
import { isLocale, t, type Locale, type MessageKey, type MessageParams } from "../i18n/i18n.ts";
import { deepLinkClient, linkTelegramChat } from "../notification/subscription.ts";
import { formatLocalDateTime } from "../time/format.ts";
import { localDateOf } from "../time/zone.ts";
import { actionData, parseAction, type Action } from "./callback.ts";
import { linkedClients, pendingOf, savePending } from "./chats.ts";
import type { PendingVisit } from "./schema.ts";
import type { TelegramDeps } from "./setup.ts";
import { cancelVisit, showVisits } from "./visits.ts";

/** One update's situation: the salon, the chat, and the language to answer in. */
export interface Turn {
  deps: TelegramDeps;
  profile: Profile;
  locale: Locale;
  chatId: string;
  say(key: MessageKey, params?: MessageParams): string;
}

/** An answer: text and its inline keyboard. A callback edits its message into it; a message gets it as a reply. */
export interface Screen {
  text: string;
  keyboard?: InlineKeyboard;
}

const MAX_SERVICES = 40;
const MAX_TIMES = 60;
const TIMES_PER_ROW = 4;

/** The bot for one update: grammY with the stored getMe answer (no getMe per update) and the operator's API base. */
export function salonBot(deps: TelegramDeps, token: string, info: UserFromGetMe): Bot {
  const bot = new Bot(token, { botInfo: info, client: { apiRoot: deps.config.telegramApiUrl, timeoutSeconds: 15 } });
  const chats = bot.chatType("private");
  chats.command("start", async (ctx) => {
    const turn = await turnOf(deps, ctx);
    if (ctx.match) {
      const clientId = await deepLinkClient(deps.db, ctx.match);
      const linked = clientId !== null && (await linkTelegramChat(deps.db, deps.clock, clientId, turn.chatId));
      await ctx.reply(turn.say(linked ? "notification.telegram.linked" : "notification.telegram.bad_link", { salon: turn.profile.business.name }));
    }
    await reply(ctx, welcome(turn));
  });
  chats.on("message:contact", async (ctx) => contactShared(await turnOf(deps, ctx), ctx));
  chats.on("callback_query:data", async (ctx) => {
    const turn = await turnOf(deps, ctx);
    const action = parseAction(ctx.callbackQuery.data);
    await ctx.answerCallbackQuery();
    const screen = action ? await step(turn, action, ctx.callbackQuery.id) : await expired(turn);
    if (screen) return edit(ctx, screen);
    // no phone yet: a reply keyboard cannot sit on an edited message, so the request comes as a new one
    const ask = contactRequest(turn);
    await ctx.reply(ask.text, { reply_markup: ask.markup });
  });
  chats.on("message", async (ctx) => reply(ctx, welcome(await turnOf(deps, ctx))));
  return bot;
}

async function turnOf(deps: TelegramDeps, ctx: Context): Promise<Turn> {
  const profile = await getProfile(deps.db);
  const asked = ctx.from?.language_code?.slice(0, 2).toLowerCase();
  const locale = isLocale(asked) ? asked : profile.locale;
  return { deps, profile, locale, chatId: String(ctx.chat!.id), say: (key, params) => t(locale, key, params) };
}

function welcome(turn: Turn): Screen {
  const keyboard = new InlineKeyboard().text(turn.say("telegram.bot.book"), actionData({ kind: "book" })).text(turn.say("telegram.bot.my_visits"), actionData({ kind: "visits" }));
  // Telegram opens Mini Apps only over https: behind a plain-http public URL the button is left out.
  const { publicUrl } = turn.deps.config;
  if (publicUrl.startsWith("https://")) keyboard.row().webApp(turn.say("telegram.bot.open_app"), `${publicUrl}/${turn.deps.slug}?tg=1`);
  return { text: turn.say("telegram.bot.welcome", { salon: turn.profile.business.name }), keyboard };
}

/** What a button does; null when the step answered by itself (it sent the contact request). */
async function step(turn: Turn, action: Action, callbackId: string): Promise<Screen | null> {
  switch (action.kind) {
    case "book":
      return services(turn);
    case "visits":
      return showVisits(turn);
    case "service":
      return masters(turn, action.serviceId);
    case "master":
      return days(turn, action.serviceId, action.staffId);
    case "day":
      return times(turn, action.serviceId, action.staffId, action.date);
    case "time":
      return chooseTime(turn, { serviceId: action.serviceId, staffId: action.staffId, start: action.start });
    case "confirm":
      return confirm(turn, callbackId);
    case "cancel":
    case "cancelConfirmed":
      return cancelVisit(turn, action.bookingId, action.kind === "cancelConfirmed");
  }
}

async function services(turn: Turn): Promise<Screen> {
  const list = (await listPublicCatalogue(turn.deps.db)).flatMap((g) => g.services).slice(0, MAX_SERVICES);
  if (list.length === 0) return { text: turn.say("telegram.bot.no_services") };
  const keyboard = new InlineKeyboard();
  for (const s of list) keyboard.text(s.title, actionData({ kind: "service", serviceId: s.id })).row();
  return { text: turn.say("telegram.bot.choose_service"), keyboard };
}

async function serviceTitle(turn: Turn, serviceId: number): Promise<string | null> {
  const list = (await listPublicCatalogue(turn.deps.db)).flatMap((g) => g.services);
  return list.find((s) => s.id === serviceId)?.title ?? null;
}

async function masters(turn: Turn, serviceId: number): Promise<Screen> {
  const title = await serviceTitle(turn, serviceId);
  if (title === null) return expired(turn);
  const keyboard = new InlineKeyboard().text(turn.say("telegram.bot.any_master"), actionData({ kind: "master", serviceId, staffId: "any" })).row();
  for (const m of await mastersFor(turn.deps.db.orm, [serviceId])) keyboard.text(m.name, actionData({ kind: "master", serviceId, staffId: m.id })).row();
  return { text: turn.say("telegram.bot.choose_master", { service: title }), keyboard: keyboard.text("←", actionData({ kind: "book" })) };
}

async function days(turn: Turn, serviceId: number, staffId: number | "any"): Promise<Screen> {
  const title = await serviceTitle(turn, serviceId);
  if (title === null) return expired(turn);
  const picture = await pickerData(turn.deps.db.orm, turn.deps.clock, turn.profile, { serviceIds: [serviceId], staffId, date: null });
  const free = picture.strip.filter((d) => d.free);
  const keyboard = new InlineKeyboard();
  free.forEach((d, i) => {
    keyboard.text(dayLabel(d.date, turn.locale), actionData({ kind: "day", serviceId, staffId, date: d.date }));
    if (i % 3 === 2) keyboard.row();
  });
  keyboard.row().text("←", actionData({ kind: "service", serviceId }));
  const text = free.length > 0 ? turn.say("telegram.bot.choose_day", { service: title }) : turn.say("telegram.bot.no_days", { days: picture.strip.length });
  return { text, keyboard };
}

async function times(turn: Turn, serviceId: number, staffId: number | "any", date: string, lead?: MessageKey): Promise<Screen> {
  const title = await serviceTitle(turn, serviceId);
  if (title === null) return expired(turn);
  const picture = await pickerData(turn.deps.db.orm, turn.deps.clock, turn.profile, { serviceIds: [serviceId], staffId, date });
  if (picture.date !== date || picture.slots.length === 0) return { ...(await days(turn, serviceId, staffId)), text: turn.say("telegram.bot.taken") };
  const keyboard = new InlineKeyboard();
  picture.slots.slice(0, MAX_TIMES).forEach((slot, i) => {
    keyboard.text(clockTime(slot.start, turn.profile.timezone), actionData({ kind: "time", serviceId, staffId, start: slot.start }));
    if (i % TIMES_PER_ROW === TIMES_PER_ROW - 1) keyboard.row();
  });
  keyboard.row().text("←", actionData({ kind: "master", serviceId, staffId }));
  const text = turn.say("telegram.bot.choose_time", { service: title, day: dayLabel(date, turn.locale) });
  return { text: lead ? `${turn.say(lead)}\n${text}` : text, keyboard };
}

/** A time was chosen: remembered for the chat; then the summary, or first the contact when no phone is known. */
async function chooseTime(turn: Turn, visit: Required<Pick<PendingVisit, "serviceId" | "staffId" | "start">>): Promise<Screen | null> {
  const pending: PendingVisit = { ...(await pendingOf(turn.deps.db.orm, turn.chatId)), ...visit };
  if (!pending.phone) {
    const known = (await linkedClients(turn.deps.db.orm, turn.chatId)).find((c) => c.phone);
    if (known) Object.assign(pending, { phone: known.phone, name: known.name });
  }
  await savePending(turn.deps.db, turn.chatId, pending, turn.deps.clock.now());
  return pending.phone ? summary(turn, pending) : null;
}

/** The request for the phone: a reply keyboard whose one button shares the user's own contact. */
export const contactRequest = (turn: Turn) => ({
  text: turn.say("telegram.bot.share_contact"),
  markup: new Keyboard().requestContact(turn.say("telegram.bot.share_button")).oneTime().resized(),
});

async function contactShared(turn: Turn, ctx: Context): Promise<void> {
  const contact = ctx.message!.contact!;
  // Anyone's contact card can be sent; only the sender's own number (Telegram fills user_id) counts.
  if (contact.user_id !== ctx.from!.id) {
    const ask = contactRequest(turn);
    await ctx.reply(turn.say("telegram.bot.not_own_contact"), { reply_markup: ask.markup });
    return;
  }
  const phone = normalizePhone(`+${contact.phone_number.replace(/\D/g, "")}`, turn.profile.business.country);
  if (!phone) return void (await ctx.reply(turn.say("telegram.bot.failed")));
  const name = [contact.first_name, contact.last_name].filter(Boolean).join(" ").trim().slice(0, 100) || ctx.from!.first_name.slice(0, 100);
  const pending: PendingVisit = { ...(await pendingOf(turn.deps.db.orm, turn.chatId)), phone, name };
  await savePending(turn.deps.db, turn.chatId, pending, turn.deps.clock.now());
  await ctx.reply(turn.say("telegram.bot.contact_thanks"), { reply_markup: { remove_keyboard: true } });
  await reply(ctx, pending.start ? await summary(turn, pending) : welcome(turn));
}

async function summary(turn: Turn, p: PendingVisit): Promise<Screen> {
  const title = p.serviceId ? await serviceTitle(turn, p.serviceId) : null;
  if (title === null || !p.start || p.staffId === undefined) return expired(turn);
  const master = p.staffId === "any" ? turn.say("telegram.bot.any_master") : ((await mastersFor(turn.deps.db.orm, [p.serviceId!])).find((m) => m.id === p.staffId)?.name ?? "");
  const when = formatLocalDateTime(p.start, turn.profile.timezone, turn.locale);
  const text = turn.say("telegram.bot.summary", { service: title, when, master, name: p.name ?? "", phone: formatPhone(p.phone ?? "") });
  const keyboard = new InlineKeyboard()
    .text(turn.say("telegram.bot.confirm"), actionData({ kind: "confirm" }))
    .row()
    .text("←", actionData({ kind: "day", serviceId: p.serviceId!, staffId: p.staffId, date: localDateOf(p.start, turn.profile.timezone) }));
  return { text, keyboard };
}

async function confirm(turn: Turn, callbackId: string): Promise<Screen | null> {
  const p = await pendingOf(turn.deps.db.orm, turn.chatId);
  if (!p.serviceId || !p.start || p.staffId === undefined) return expired(turn);
  if (!p.phone) return null;
  const deps = bookingDeps(turn.deps.db, turn.deps, turn.deps.slug);
  try {
    const created = await createBooking(deps, {
      serviceIds: [p.serviceId],
      staffId: p.staffId,
      start: p.start,
      client: { contact: { name: p.name ?? "", phone: p.phone, email: null } },
      notes: null,
      // the summary the client confirmed says what the salon keeps
      consent: true,
      source: "telegram",
      // Telegram re-sends an update it got no answer to: the same press books once.
      idempotencyKey: `telegram:${turn.chatId}:${callbackId}`,
      holdToken: null,
      createdBy: null,
      byStaff: false,
    });
    const client = (await getBooking(turn.deps.db.orm, created.id))?.clientId;
    // The contact is the user's own (checked when shared), so this chat may get this client's messages.
    if (client) await linkTelegramChat(turn.deps.db, turn.deps.clock, client, turn.chatId);
    await savePending(turn.deps.db, turn.chatId, { name: p.name, phone: p.phone }, turn.deps.clock.now());
    const link = `${turn.deps.config.publicUrl}${managePath(turn.deps.slug, created.id, created.manageToken)}`;
    const when = formatLocalDateTime(created.startTs, created.timezone, turn.locale);
    const title = (await serviceTitle(turn, p.serviceId)) ?? "";
    return { text: turn.say(created.status === "confirmed" ? "telegram.bot.booked" : "telegram.bot.requested", { service: title, when, link }) };
  } catch (error) {
    if (isUnavailable(error)) {
      return times(turn, p.serviceId, p.staffId, localDateOf(p.start, turn.profile.timezone), "telegram.bot.taken");
    }
    if (error instanceof AppError) return { text: turn.say("telegram.bot.failed") };
    throw error;
  }
}


const expired = async (turn: Turn): Promise<Screen> => ({ ...(await services(turn)), text: turn.say("telegram.bot.expired") });

async function reply(ctx: Context, screen: Screen): Promise<void> {
  await ctx.reply(screen.text, screen.keyboard ? { reply_markup: screen.keyboard } : {});
}

/** A button's answer replaces its message. */
async function edit(ctx: Context, screen: Screen): Promise<void> {
  try {
    await ctx.editMessageText(screen.text, screen.keyboard ? { reply_markup: screen.keyboard } : {});
  } catch (error) {
    // pressing the same button twice: Telegram refuses an edit that changes nothing
    if (!(error instanceof GrammyError && /not modified/.test(error.description))) throw error;
  }
}
