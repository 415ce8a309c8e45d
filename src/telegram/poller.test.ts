import { describe, expect, test } from "bun:test";
import { readSettings } from "../notification/settings.ts";
import { telegramJob } from "./job.ts";
import { telegramPoll } from "./schema.ts";
import { botSalon, connectBot, TOKEN } from "./testing/bot-salon.ts";
import { textUpdate } from "./testing/updates.ts";

/** Waits for a condition the pollers make true in the background (generous: the machine is shared). */
async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

describe("long polling (ZAPIS_TELEGRAM_MODE=polling)", () => {
  const s = botSalon("polling");

  test("one instance polls under the lease, handles each update once, stores the offset, and stops when the token is removed", async () => {
    expect((await connectBot(s.h)).status).toBe(200);
    expect(s.api.callsOf("setWebhook")).toEqual([]);
    const ctx = { config: s.h.deps.config, clock: s.h.clock, registry: s.h.deps.registry, tenants: s.h.deps.tenants };
    const first = telegramJob(1).start(ctx);
    const second = telegramJob(1).start(ctx);
    try {
      expect((await first.run({ tenant: s.h.slug }))[0]).toMatchObject({ outcome: "ok", detail: "polling started" });
      await until("the first instance's lease", async () => (await s.h.db.orm.select().from(telegramPoll))[0]!.owner !== null);
      // the second instance starts a loop, finds the lease taken, and leaves the salon to the first
      await second.run({ tenant: s.h.slug });

      const id = s.api.queueUpdate(TOKEN, textUpdate({ id: 700, first_name: "Ира", language_code: "ru" }, "/start"));
      await until("the bot's answer", () => s.api.callsOf("sendMessage").length === 1);
      await until("the stored offset", async () => (await s.h.db.orm.select().from(telegramPoll))[0]!.nextOffset === id + 1);
      expect(s.api.callsOf("sendMessage")[0]!.body).toMatchObject({ chat_id: 700 });
      // later rounds ask from the offset, so the update is not handled again
      s.api.queueUpdate(TOKEN, textUpdate({ id: 701, first_name: "Ян", language_code: "en" }, "hello"));
      await until("the second answer", () => s.api.callsOf("sendMessage").length === 2);
      expect(s.api.callsOf("getUpdates").every((c) => c.token === TOKEN)).toBe(true);

      await s.h.api("PATCH", `/api/v1/businesses/${s.h.slug}`, { telegram: { bot_token: null } });
      expect((await readSettings(s.h.db.orm)).telegramBotToken).toBeNull();
      await until("the lease released", async () => (await s.h.db.orm.select().from(telegramPoll))[0]!.owner === null);
      expect(s.api.callsOf("sendMessage")).toHaveLength(2);
    } finally {
      first.close();
      second.close();
    }
  });

  test("a webhook left on the bot is removed so getUpdates works", async () => {
    expect((await connectBot(s.h)).status).toBe(200);
    // someone set a webhook on this bot elsewhere
    await fetch(`${s.api.url}/bot${TOKEN}/setWebhook`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url: "https://elsewhere.example/hook" }) });
    const runner = telegramJob(1).start({ config: s.h.deps.config, clock: s.h.clock, registry: s.h.deps.registry, tenants: s.h.deps.tenants });
    try {
      await runner.run({ tenant: s.h.slug });
      await until("the webhook removed", () => s.api.webhookOf(TOKEN) === undefined);
      s.api.queueUpdate(TOKEN, textUpdate({ id: 702, first_name: "Ли" }, "/start"));
      await until("the bot's answer", () => s.api.callsOf("sendMessage").length === 1);
    } finally {
      runner.close();
    }
  });

  test("a salon without a bot is opened on the first tick and when written to (a token saved), not every tick", async () => {
    const runner = telegramJob(1).start({ config: s.h.deps.config, clock: s.h.clock, registry: s.h.deps.registry, tenants: s.h.deps.tenants });
    try {
      expect(await runner.run()).toMatchObject([{ slug: s.h.slug, outcome: "ok", detail: "no bot" }]);
      expect(await runner.run()).toEqual([]);
      expect((await connectBot(s.h)).status).toBe(200);
      expect(await runner.run()).toMatchObject([{ slug: s.h.slug, outcome: "ok", detail: "polling started" }]);
      // with a bot, every tick: its loop is kept running here or on the lease holder
      expect(await runner.run()).toMatchObject([{ slug: s.h.slug, outcome: "ok" }]);
    } finally {
      runner.close();
    }
  });
});
