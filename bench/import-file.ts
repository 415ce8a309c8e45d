// `import yclients-file` on a 20,000-row client export (.xlsx and .csv): time and peak RSS of the
// import, each in a fresh tenant. Prints figures; asserts nothing. Run it in its own process so the
// RSS is the import's: bun bench/import-file.ts [rows=20000]
import ExcelJS from "exceljs";
import { join } from "node:path";
import { importClientsFile } from "../src/import/file/clients-file.ts";
import { makeHarness } from "../test/harness.ts";

const ROWS = Number(process.argv[2] ?? 20_000);
const HEADER = ["Имя", "Фамилия", "Телефон", "E-mail", "Категория", "Дата рождения", "Комментарий"];
const row = (i: number) => [`Клиент${i}`, `Фамилия${i % 500}`, `+7916${String(1_000_000 + i)}`, `client${i}@example.com`, i % 7 === 0 ? "VIP" : "", "03.02.1990", "Любит утро; без сахара, ".repeat(4)];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function measure(ext: "csv" | "xlsx"): Promise<void> {
  const h = await makeHarness({ tenant: { demo: false } });
  try {
    const path = join(h.dataDir, `clients.${ext}`);
    if (ext === "csv") {
      await Bun.write(path, `\uFEFF${[HEADER, ...Array.from({ length: ROWS }, (_, i) => row(i))].map((r) => r.join(";")).join("\r\n")}\r\n`);
    } else {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Клиенты");
      sheet.addRow(HEADER);
      for (let i = 0; i < ROWS; i++) sheet.addRow(row(i));
      await Bun.write(path, (await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    }
    Bun.gc(true);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const report = await importClientsFile({ db: h.db, clock: h.clock }, { tenant: h.slug, path, dryRun: false });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const size = Bun.file(path).size;
    console.log(
      `${ext.padEnd(4)} ${ROWS} rows (${mb(size)} file): ${seconds.toFixed(1)} s, RSS ${mb(before)} before → peak ${mb(peak)} (+${mb(peak - before)}), created ${report.entities.clients?.created}`,
    );
  } finally {
    h.close();
  }
}

await measure(process.argv[3] === "xlsx" ? "xlsx" : "csv");
if (process.argv[3] === undefined) await measure("xlsx");
