import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import ExcelJS from "exceljs";
import { asc, count, isNull } from "drizzle-orm";
import { join } from "node:path";
import { clients } from "../../client/schema.ts";
import { AppError } from "../../error/app-error.ts";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { FIXTURE_DIR, readFixture } from "../../../test/fakes/yclients-server.ts";
import { importClientsFile } from "./clients-file.ts";

const CSV = join(FIXTURE_DIR, "clients_export.csv");
const expected = readFixture<{ companies: Array<{ duplicate_phone_groups: Array<{ phone_digits: string }> }> }>("_expected.json").companies[0]!;
const csvRows = (await Bun.file(CSV).text()).trim().split(/\r?\n/).length - 1;

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ tenant: { demo: false } });
});
afterEach(() => h.close());

const run = (path: string, dryRun = false) => importClientsFile({ db: h.db, clock: h.clock }, { tenant: h.slug, path, dryRun });
const clientCount = async () => (await h.db.orm.select({ n: count() }).from(clients))[0]!.n;

describe("import yclients-file", () => {
  test("the CSV export: every client but the walk-in placeholder, phones in E.164, shared phones listed", async () => {
    const report = await run(CSV);
    expect(report.entities.clients).toEqual({ created: csvRows - 1, updated: 0, unchanged: 0, skipped: 1 });
    expect(await clientCount()).toBe(csvRows - 1);
    const phones = await h.db.orm.select({ phone: clients.phone }).from(clients);
    expect(phones.every((p) => p.phone === null || /^\+7\d{10}$/.test(p.phone))).toBe(true);
    expect((await h.db.orm.select({ n: count() }).from(clients).where(isNull(clients.phone)))[0]!.n).toBe(1);
    expect(report.merge_candidates.map((m) => m.phone.slice(1)).sort()).toEqual(expected.duplicate_phone_groups.map((g) => g.phone_digits).sort());
    const [fyodorova] = await h.db.orm.select().from(clients).where(isNull(clients.email)).orderBy(asc(clients.id)).limit(1);
    expect(fyodorova!.name.length).toBeGreaterThan(0);
  });

  test("a second run of the same file changes nothing; --dry-run writes nothing", async () => {
    const dry = await run(CSV, true);
    expect(dry.entities.clients?.created).toBe(csvRows - 1);
    expect(await clientCount()).toBe(0);
    await run(CSV);
    const again = await run(CSV);
    expect(again.entities.clients).toEqual({ created: 0, updated: 0, unchanged: csvRows - 1, skipped: 1 });
    expect(await clientCount()).toBe(csvRows - 1);
  });

  test("an .xlsx built with ExcelJS: any column order, numbers, dates, links and rich text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Клиенты");
    sheet.addRow(["Телефон", "E-mail", "Фамилия", "Имя", "Дата рождения", "Категория", "Комментарий"]);
    sheet.addRow([79161234567, { text: " Anna@Mail.RU ", hyperlink: "mailto:anna@mail.ru" }, "Иванова", "Анна", new Date(Date.UTC(1990, 1, 3)), "VIP, Постоянный клиент", "Любит чай;\nбез сахара"]);
    sheet.addRow(["8 (905) 111-22-33", "", "", { richText: [{ text: "Пётр " }, { text: "Сидоров" }] }, "", "", ""]);
    sheet.addRow(["", "", "", "Без телефона", "", "", ""]);
    const path = join(h.dataDir, "clients.xlsx");
    await Bun.write(path, (await workbook.xlsx.writeBuffer()) as ArrayBuffer);

    const report = await run(path);
    expect(report.entities.clients).toMatchObject({ created: 3, skipped: 0 });
    const rows = await h.db.orm.select().from(clients).orderBy(asc(clients.id));
    expect(rows.map((r) => ({ name: r.name, phone: r.phone, email: r.email, tags: r.tags }))).toEqual([
      { name: "Анна Иванова", phone: "+79161234567", email: "anna@mail.ru", tags: ["VIP", "Постоянный клиент"] },
      { name: "Пётр Сидоров", phone: "+79051112233", email: null, tags: [] },
      { name: "Без телефона", phone: null, email: null, tags: [] },
    ]);
    expect(rows[0]!.notes).toContain("Любит чай;\nбез сахара");
    expect(rows[0]!.notes).toContain("1990-02-03");
  });

  test("unreadable input is refused with a clear message and nothing written", async () => {
    const txt = join(h.dataDir, "clients.txt");
    await Bun.write(txt, "Имя;Телефон\n");
    const wrongType = await run(txt).catch((e: unknown) => e);
    expect((wrongType as AppError).problems[0]!.key).toBe("import.file.type");
    const headless = join(h.dataDir, "no-name.csv");
    await Bun.write(headless, "Телефон;Почта\n+79161234567;a@b.c\n");
    const noName = await run(headless).catch((e: unknown) => e);
    expect(noName).toBeInstanceOf(AppError);
    expect((noName as AppError).problems[0]!.key).toBe("import.file.no_name_column");
    const broken = join(h.dataDir, "broken.xlsx");
    await Bun.write(broken, "not a zip");
    expect(((await run(broken).catch((e: unknown) => e)) as AppError).problems[0]!.key).toBe("import.file.unreadable");
    expect(await clientCount()).toBe(0);
  });
});
