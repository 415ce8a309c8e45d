import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import ExcelJS from "exceljs";
import { asc, count, isNull } from "drizzle-orm";
import { join } from "node:path";
import { clients } from "../../client/schema.ts";
import { AppError } from "../../error/app-error.ts";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { FIXTURE_DIR, readFixture } from "../../../test/fakes/yclients-server.ts";
import { t } from "../../i18n/i18n.ts";
import { importClientsFile } from "./clients-file.ts";
import { MAX_CELL_CHARS } from "./table.ts";

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
  }, 30_000);

  test("a second run of the same file changes nothing; --dry-run writes nothing", async () => {
    const dry = await run(CSV, true);
    expect(dry.entities.clients?.created).toBe(csvRows - 1);
    expect(await clientCount()).toBe(0);
    await run(CSV);
    const again = await run(CSV);
    expect(again.entities.clients).toEqual({ created: 0, updated: 0, unchanged: csvRows - 1, skipped: 1 });
    expect(await clientCount()).toBe(csvRows - 1);
  }, 30_000);

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
  }, 30_000);

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
  }, 30_000);

  test("an oversize cell is refused with its row and column, and nothing is imported (csv and xlsx)", async () => {
    const good = (i: number) => `Клиент ${i};+7916${String(1000000 + i)};`;
    const csv = join(h.dataDir, "huge-cell.csv");
    await Bun.write(csv, ["Имя;Телефон;Комментарий", good(1), good(2), `Клиент 3;+79160000003;${"я".repeat(MAX_CELL_CHARS + 1)}`, good(4)].join("\r\n"));
    const cell = (await run(csv).catch((e: unknown) => e)) as AppError;
    expect(cell.problems[0]).toMatchObject({ key: "import.file.cell_too_long", params: { file: "huge-cell.csv", row: 4, column: 3 } });
    expect(t("ru", cell.problems[0]!.key, cell.problems[0]!.params)).toContain("строка 4 в «huge-cell.csv»: ячейка в столбце 3");

    // 5 MB in one cell: the parser stops buffering it at the row cap
    const runaway = join(h.dataDir, "runaway.csv");
    await Bun.write(runaway, `Имя;Телефон;Комментарий\r\n${good(1)}\r\nКлиент 2;+79160000002;"${"x".repeat(5 * 1024 * 1024)}"\r\n`);
    expect(((await run(runaway).catch((e: unknown) => e)) as AppError).problems[0]).toMatchObject({ key: "import.file.cell_too_long", params: { row: 3, column: 3 } });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Клиенты");
    sheet.addRow(["Имя", "Телефон", "Комментарий"]);
    for (let i = 1; i <= 600; i++) sheet.addRow([`Клиент ${i}`, `+7916${1000000 + i}`, i === 550 ? "w".repeat(MAX_CELL_CHARS + 1) : ""]);
    const xlsx = join(h.dataDir, "huge-cell.xlsx");
    await Bun.write(xlsx, (await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    // row 551 comes after the first batch of 500: still nothing is written
    expect(((await run(xlsx).catch((e: unknown) => e)) as AppError).problems[0]).toMatchObject({ key: "import.file.cell_too_long", params: { row: 551, column: 3 } });
    expect(await clientCount()).toBe(0);
  }, 60_000);
});
