import { describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { alertNotes } from "../notification/channel-settings.ts";
import { notificationSettings } from "../notification/schema.ts";
import { readSettings } from "../notification/settings.ts";
import { telegramJob } from "./job.ts";
import { botSalon, connectBot, PUBLIC_URL, TOKEN } from "./testing/bot-salon.ts";

describe("the telegram job in webhook mode", () => {
  const s = botSalon();

  test("at startup it registers a salon's webhook that is missing or points elsewhere, once", async () => {
    await connectBot(s.h);
    // as after a move to another public URL: the stored registration no longer matches
    await s.h.db.write((tx) => tx.update(notificationSettings).set({ telegramWebhookUrl: "https://old.example/hook" }).where(eq(notificationSettings.id, 1)));
    const runner = telegramJob().start({ config: s.h.deps.config, clock: s.h.clock, registry: s.h.deps.registry, tenants: s.h.deps.tenants });
    try {
      const before = s.api.callsOf("setWebhook").length;
      expect((await runner.run())[0]).toMatchObject({ outcome: "ok", detail: "webhook registered" });
      expect(s.api.callsOf("setWebhook")).toHaveLength(before + 1);
      expect(s.api.webhookOf(TOKEN)?.url).toBe(`${PUBLIC_URL}/api/v1/businesses/${s.h.slug}/telegram/webhook`);
      // later ticks leave the salon alone
      expect(await runner.run()).toEqual([]);
    } finally {
      runner.close();
    }
  });

  test("a webhook Telegram refuses (a plain-http public URL) becomes the salon's alert; the token stays saved", async () => {
    s.h.deps.config.publicUrl = "http://zapis.example";
    expect((await connectBot(s.h)).status).toBe(200);
    const settings = await readSettings(s.h.db.orm);
    expect(settings.telegramBotToken).toBe(TOKEN);
    expect(settings.telegramWebhookUrl).toBeNull();
    expect(alertNotes(settings.channelAlerts)).toEqual([
      { channel: "telegram", message: { key: "notification.alert.telegram_webhook", params: { reason: "Bad Request: bad webhook: An HTTPS URL must be provided for webhook" } }, at: s.h.clock.now() },
    ]);
  });
});
