// Booking a caller in three clicks in a real browser (issue 12 item 12), at phone and desktop sizes:
// an empty cell, the caller the typed phone finds (with their history), "Записать" — their last
// visit's two services are booked back to back.
import { describe, expect, test } from "bun:test";
import { asc, eq } from "drizzle-orm";
import { join } from "node:path";
import { SHOTS } from "./browser.ts";
import { bookingServices, bookings } from "../src/booking/schema.ts";
import { clients } from "../src/client/schema.ts";
import { adminBrowserSuite, DESKTOP, PHONE, signedInPage } from "./site.ts";

// Demo salon (Moscow): Anna (2) does 1 "Женская стрижка" and 3 "Детская стрижка"; "now" is Monday
// 2027-03-01 09:00.
const [CUT, KIDS, ANNA] = [1, 3, 2];

const suite = adminBrowserSuite(async (site) => {
  // a regular: a cut and a kids' cut back to back last time, a note on her card
  const res = await site.h.api("POST", "/api/v1/businesses/salon/bookings", { services: [CUT, KIDS], staff_id: ANNA, start_ts: "2027-03-01T11:00:00+03:00", client: { name: "Вера Соколова", phone: "+79161112233" } }, { auth: false });
  expect(res.status).toBe(201);
  const [visit] = await site.h.db.orm.select().from(bookings);
  await site.h.db.orm.update(clients).set({ notes: "Аллергия на аммиак" }).where(eq(clients.id, visit!.clientId!));
});

describe("booking by phone", () => {
  for (const [size, date] of [[PHONE, "2027-03-03"], [DESKTOP, "2027-03-04"]] as const) {
    const width = size.viewport!.width;
    test(`${width}px: cell, caller, "Записать" — three clicks`, async () => {
      const page = await signedInPage(suite.browser, suite.site, size);
      const urls: string[] = [];
      page.on("request", (r) => urls.push(r.url()));
      await page.goto(`${suite.site.origin}/${suite.site.h.slug}/admin?date=${date}&staff=${ANNA}`);
      let clicks = 0;
      const click = async (selector: string) => {
        clicks++;
        await page.click(selector);
      };
      await click('.cal-slot[aria-label$=" 10:00"]');
      await page.waitForSelector('#panel input[name="phone"]');
      await page.locator('#panel input[name="phone"]').pressSequentially("8 916 111", { delay: 30 });
      await page.waitForSelector('#caller-matches .caller:has-text("Вера Соколова")');
      await page.waitForSelector('#caller-matches li:has-text("Аллергия на аммиак")');
      await page.screenshot({ path: join(SHOTS, `journal-caller-found-${width}.png`) });
      await click('#caller-matches .caller:has-text("Вера Соколова")');
      await page.waitForSelector("#panel .caller-chosen");
      expect(await page.locator('#panel input[name="services"]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([String(CUT), String(KIDS)]);
      await page.screenshot({ path: join(SHOTS, `journal-caller-chosen-${width}.png`) });
      await click('#panel button.button:has-text("Записать")');
      await page.waitForSelector('#panel .notice:has-text("Запись создана.")');
      expect(clicks).toBeLessThanOrEqual(3);
      expect(urls.some((u) => u.includes("/bookings/callers?"))).toBe(true);
      expect(urls.filter((u) => u.includes("_csrf="))).toEqual([]); // the search's GETs leave the token out
      const [visit] = await suite.site.h.db.orm.select().from(bookings).where(eq(bookings.startTs, Date.parse(`${date}T10:00:00+03:00`)));
      const parts = await suite.site.h.db.orm.select().from(bookingServices).where(eq(bookingServices.bookingId, visit!.id)).orderBy(asc(bookingServices.startTs));
      expect(parts.map((p) => p.serviceId)).toEqual([CUT, KIDS]);
      expect(parts[1]!.startTs).toBe(parts[0]!.endTs);
      await page.close();
    }, 120_000);
  }
});
