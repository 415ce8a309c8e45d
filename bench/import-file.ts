// `zapis import yclients-file` on a 20,000-row client export (.xlsx and .csv): time and peak RSS of
// the whole CLI process (`maxRSS` of a child running cli/main.ts, what an operator sees), each in a
// fresh tenant. The file is written by this process, so its cost is not counted. Prints figures;
// asserts nothing: bun bench/import-file.ts [rows=20000] [csv|xlsx]
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makeHarness } from "../test/harness.ts";

const ROWS = Number(process.argv[2] ?? 20_000);
const HEADER = ["Имя", "Фамилия", "Телефон", "E-mail", "Категория", "Дата рождения", "Комментарий"];
const row = (i: number) => [`Клиент${i}`, `Фамилия${i % 500}`, `+7916${String(1_000_000 + i)}`, `client${i}@example.com`, i % 7 === 0 ? "VIP" : "", "03.02.1990", "Любит утро; без сахара, ".repeat(4)];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function writeFile(path: string, ext: "csv" | "xlsx"): Promise<void> {
  if (ext === "csv") {
    await Bun.write(path, `\uFEFF${[HEADER, ...Array.from({ length: ROWS }, (_, i) => row(i))].map((r) => r.join(";")).join("\r\n")}\r\n`);
    return;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Клиенты");
  sheet.addRow(HEADER);
  for (let i = 0; i < ROWS; i++) sheet.addRow(row(i));
  await Bun.write(path, (await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * Runs the CLI command in its own process. Its peak RSS is the kernel's high-water mark (VmHWM, never
 * decreasing), read while it runs: Bun's resourceUsage() reports the largest of ALL children.
 */
async function cli(dataDir: string, args: string[]): Promise<{ seconds: number; peak: number; out: string }> {
  const started = performance.now();
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "../cli/main.ts"), "--data", dataDir, ...args], { stdout: "pipe", stderr: "inherit" });
  let peak = 0;
  const sample = () => {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
      if (kb) peak = Number(kb) * 1024;
    } catch {
      // exited between two samples
    }
  };
  const sampler = setInterval(sample, 10);
  const out = await new Response(child.stdout).text();
  sample();
  clearInterval(sampler);
  if ((await child.exited) !== 0) throw new Error(`zapis ${args.join(" ")} exited ${child.exitCode}:\n${out}`);
  return { seconds: (performance.now() - started) / 1000, peak, out };
}

async function measure(ext: "csv" | "xlsx"): Promise<void> {
  const h = await makeHarness({ tenant: { demo: false } });
  try {
    const path = join(h.dataDir, `clients.${ext}`);
    await writeFile(path, ext);
    const idle = await cli(h.dataDir, ["tenant", "list"]);
    const run = await cli(h.dataDir, ["import", "yclients-file", "--tenant", h.slug, path]);
    const created = /created (\d+)/.exec(run.out)?.[1];
    console.log(
      `${ext.padEnd(4)} ${ROWS} rows (${mb(Bun.file(path).size)} file): ${run.seconds.toFixed(1)} s, peak RSS ${mb(run.peak)} (a CLI command that imports nothing: ${mb(idle.peak)}), created ${created}`,
    );
  } finally {
    h.close();
  }
}

await measure(process.argv[3] === "xlsx" ? "xlsx" : "csv");
if (process.argv[3] === undefined) await measure("xlsx");
