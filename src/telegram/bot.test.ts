import { describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { bookings } from "../booking/schema.ts";
import { clients } from "../client/schema.ts";
import { auditLog } from "../audit/schema.ts";
import { readSettings } from "../notification/settings.ts";
import { createTenant } from "../tenant/tenant.ts";
import { botSalon, connectBot, lastScreen, OTHER_TOKEN, postUpdate, PUBLIC_URL, TOKEN, type Button } from "./testing/bot-salon.ts";
import { callbackUpdate, contactUpdate, textUpdate, type TelegramUser } from "./testing/updates.ts";

const anna: TelegramUser = { id: 555_001, first_name: "Анна", last_name: "Петрова", language_code: "ru" };
const PHONE = "79161234567";

const press = (buttons: Button[], pick: (b: Button) => boolean = () => true) => {
  const button = buttons.find((b) => b.callback_data && pick(b));
  if (!button) throw new Error(`no such button among ${JSON.stringify(buttons)}`);
  return button.callback_data!;
};

describe("connecting the salon's bot", () => {
  const s = botSalon();

  test("PATCH / telegram.bot_token asks getMe, registers the webhook with a fresh secret, and never shows or audits the token", async () => {
    const before = (await readSettings(s.h.db.orm)).telegramWebhookSecret;
    const res = await connectBot(s.h);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(TOKEN);
    expect(JSON.parse(body).telegram).toEqual({ bot_token_set: true, bot_username: "lotos_salon_bot" });
    const settings = await readSettings(s.h.db.orm);
    expect(settings.telegramWebhookSecret).not.toBe(before);
    expect(s.api.callsOf("getMe")).toHaveLength(1);
    expect(s.api.webhookOf(TOKEN)).toEqual({ url: `${PUBLIC_URL}/api/v1/businesses/${s.h.slug}/telegram/webhook`, secret: settings.telegramWebhookSecret });
    expect(s.api.callsOf("setWebhook")[0]!.body.allowed_updates).toEqual(["message", "callback_query"]);
    const audit = await s.h.db.orm.select().from(auditLog);
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    expect(JSON.stringify(audit)).toContain("lotos_salon_bot");
  });

  test("a token Telegram refuses changes nothing; null removes the bot and its webhook", async () => {
    const refused = await connectBot(s.h, "111111111:ThisTokenIsUnknownToTelegram000");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("telegram_token");
    expect((await readSettings(s.h.db.orm)).telegramBotToken).toBeNull();
    expect((await connectBot(s.h)).status).toBe(200);
    const removed = await s.h.api("PATCH", `/api/v1/businesses/${s.h.slug}`, { telegram: { bot_token: null } });
    expect((await removed.json()).telegram).toEqual({ bot_token_set: false, bot_username: null });
    expect(s.api.webhookOf(TOKEN)).toBeUndefined();
  });
});

describe("the webhook", () => {
  const s = botSalon();

  test("a wrong secret, or none, is 401 and nothing reaches the bot", async () => {
    await connectBot(s.h);
    const calls = s.api.calls.length;
    expect((await postUpdate(s.h, textUpdate(anna, "/start"), "wrong")).status).toBe(401);
    expect((await postUpdate(s.h, textUpdate(anna, "/start"), "")).status).toBe(401);
    expect(s.api.calls.length).toBe(calls);
  });

  test("updates of another salon's bot (its secret) are refused without side effects", async () => {
    await connectBot(s.h);
    const { registry } = s.h.deps;
    await createTenant({ registry, dataDir: s.h.dataDir, clock: s.h.clock }, { slug: "other", name: "Other", demo: true });
    const other = (await s.h.deps.tenants.get("other"))!;
    const { telegramWebhookSecret: otherSecret } = await readSettings(other.db.orm);
    const calls = s.api.calls.length;
    const res = await postUpdate(s.h, contactUpdate(anna, PHONE), otherSecret);
    expect(res.status).toBe(401);
    expect(s.api.calls.length).toBe(calls);
    expect(await s.h.db.orm.select().from(clients).where(eq(clients.telegramChatId, String(anna.id)))).toEqual([]);
    expect(OTHER_TOKEN).not.toBe(TOKEN);
  });

  test("a body that is no Update is 400", async () => {
    await connectBot(s.h);
    expect((await postUpdate(s.h, { hello: 1 })).status).toBe(400);
    expect((await postUpdate(s.h, [1, 2])).status).toBe(400);
  });
});

describe("booking in the bot", () => {
  const s = botSalon();

  test("service → master → day → time → own contact → confirm books through createBooking, links the chat, and lists and cancels the visit", async () => {
    await connectBot(s.h);
    const send = async (update: Record<string, unknown>) => expect((await postUpdate(s.h, update)).status).toBe(200);

    await send(textUpdate(anna, "/start"));
    let screen = lastScreen(s.api);
    expect(screen.text).toContain("Test Salon");
    expect(screen.buttons.find((b) => b.web_app)?.web_app?.url).toBe(`${PUBLIC_URL}/${s.h.slug}?tg=1`);

    await send(callbackUpdate(anna, press(screen.buttons, (b) => b.callback_data === "b")));
    screen = lastScreen(s.api);
    expect(screen.call.method).toBe("editMessageText");
    expect(screen.text).toBe("Выберите услугу:");
    await send(callbackUpdate(anna, press(screen.buttons)));
    screen = lastScreen(s.api);
    expect(screen.text).toContain("Выберите мастера");
    await send(callbackUpdate(anna, press(screen.buttons, (b) => b.text === "Любой мастер")));
    screen = lastScreen(s.api);
    expect(screen.text).toContain("Выберите день");
    // a day after tomorrow: the visit stays outside the salon's cancel window
    await send(callbackUpdate(anna, screen.buttons.filter((b) => b.callback_data?.startsWith("d"))[2]!.callback_data!));
    screen = lastScreen(s.api);
    expect(screen.text).toContain("Выберите время");
    const time = press(screen.buttons, (b) => b.callback_data!.startsWith("t"));
    await send(callbackUpdate(anna, time));
    screen = lastScreen(s.api);
    expect(screen.buttons).toEqual([{ text: "Поделиться номером", request_contact: true }]);

    // someone else's contact card gives no phone
    await send(contactUpdate(anna, "79990000000", 42));
    expect(lastScreen(s.api).text).toContain("своим номером");
    await send(contactUpdate(anna, PHONE));
    screen = lastScreen(s.api);
    expect(screen.text).toContain("+7 916 123 45 67");
    expect(screen.text).toContain("Анна Петрова");

    const confirm = callbackUpdate(anna, press(screen.buttons, (b) => b.callback_data === "k"));
    await send(confirm);
    screen = lastScreen(s.api);
    expect(screen.text).toMatch(/Вы записаны|Заявка отправлена/);
    expect(screen.text).toContain(`${PUBLIC_URL}/${s.h.slug}/my/`);
    // Telegram re-sends an update it got no answer to: still one booking
    await send(confirm);
    const made = await s.h.db.orm.select().from(bookings);
    expect(made).toHaveLength(1);
    expect(made[0]!.source).toBe("telegram");
    expect(made[0]!.startTs).toBe(Number(time.split("_")[2]) * 60_000);
    const [client] = await s.h.db.orm.select().from(clients).where(eq(clients.id, made[0]!.clientId!));
    expect(client).toMatchObject({ phone: "+79161234567", telegramChatId: String(anna.id), preferredChannel: "telegram" });

    await send(callbackUpdate(anna, "v"));
    screen = lastScreen(s.api);
    expect(screen.text).toContain("Ваши предстоящие записи");
    await send(callbackUpdate(anna, press(screen.buttons, (b) => b.callback_data === `x${made[0]!.id}`)));
    await send(callbackUpdate(anna, press(lastScreen(s.api).buttons, (b) => b.callback_data === `X${made[0]!.id}`)));
    expect(lastScreen(s.api).text).toContain("Запись отменена");
    const [after] = await s.h.db.orm.select().from(bookings);
    expect(after!.status).toBe("cancelled");
  });

  test("a forged or stranger's cancel button does nothing; English speakers get English", async () => {
    await connectBot(s.h);
    const bob: TelegramUser = { id: 555_002, first_name: "Bob", language_code: "en" };
    expect((await postUpdate(s.h, callbackUpdate(bob, "X1"))).status).toBe(200);
    expect(lastScreen(s.api).text).toBe("You have no upcoming visits.");
    expect((await postUpdate(s.h, callbackUpdate(bob, "t1_0_99999999999999"))).status).toBe(200);
    expect(lastScreen(s.api).text).toContain("This choice is out of date");
    expect(await s.h.db.orm.select().from(bookings)).toEqual([]);
  });
});
