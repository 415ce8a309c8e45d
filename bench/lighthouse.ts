/**
 * Lighthouse (mobile, its defaults: simulated slow 4G and a 4× slower CPU) on every client page of
 * a demo salon served by the real CLI: the salon page, the service step, the master/day/time step,
 * the details step, the confirmation and the manage page. Prints the four category scores per page
 * and every audit that did not pass; asserts nothing (not part of `npm test`).
 *
 * Run: `node_modules/.bin/bun bench/lighthouse.ts` (needs npx to fetch lighthouse once, and
 * Debian's /usr/bin/chromium, or CHROME_PATH).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

const dataDir = mkdtempSync(join(tmpdir(), "zapis-lighthouse-"));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = Bun.spawn([process.execPath, "cli/main.ts", "serve", "--demo", "--port", String(port), "--host", "127.0.0.1", "--data", dataDir], {
  cwd: join(import.meta.dir, ".."),
  env: { ...process.env, ZAPIS_PUBLIC_URL: origin, BACKUP_CRON: "off" },
  stdout: "ignore",
  stderr: "inherit",
});

try {
  await waitForHealth();
  const pages = await clientPages();
  const rows: string[] = [];
  for (const [name, path] of pages) {
    const report = await lighthouse(`${origin}${path}`);
    const scores = CATEGORIES.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
    rows.push(`${name.padEnd(22)} ${scores.map((s) => String(s).padStart(5)).join(" ")}`);
    const failed = Object.values(report.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual");
    console.log(`${name}: ${scores.join(" / ")}${failed.length ? `  below 0.9: ${failed.map((a) => `${a.id} (${a.displayValue ?? a.score})`).join(", ")}` : ""}`);
  }
  console.log(`\npage                    perf  a11y   b-p   seo\n${rows.join("\n")}`);
} finally {
  server.kill();
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
}

interface Report {
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<string, { id: string; score: number | null; scoreDisplayMode: string; displayValue?: string }>;
}

async function lighthouse(url: string): Promise<Report> {
  const out = join(dataDir, "report.json");
  const run = Bun.spawn(
    ["npx", "-y", "lighthouse", url, "--output=json", `--output-path=${out}`, "--quiet", `--only-categories=${CATEGORIES.join(",")}`, "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
    { env: { ...process.env, CHROME_PATH: CHROME }, stdout: "inherit", stderr: "inherit" },
  );
  if ((await run.exited) !== 0) throw new Error(`lighthouse failed on ${url}`);
  return JSON.parse(readFileSync(out, "utf8")) as Report;
}

/** Each step's URL, walked the way a client would: a free time from the time page, a booking for the last two. */
async function clientPages(): Promise<Array<[string, string]>> {
  const slug = "demo";
  const time = `/${slug}/book/time?s=1&m=any`;
  const html = await (await fetch(`${origin}${time}`)).text();
  const starts = [...html.matchAll(/name="start" value="(\d+)"/g)].map((m) => Number(m[1]));
  if (starts.length < 2) throw new Error("the demo salon offers no free time");
  const booked = await fetch(`${origin}/api/v1/businesses/${slug}/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ service_id: 1, start_ts: new Date(starts[1]!).toISOString(), client: { name: "Lighthouse", phone: "+79160000000" } }),
  });
  if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${await booked.text()}`);
  const manage = new URL(((await booked.json()) as { booking: { manage_url: string } }).booking.manage_url);
  const managePath = `${manage.pathname}${manage.search}`;
  return [
    ["salon page", `/${slug}`],
    ["service step", `/${slug}/book?s=1`],
    ["master/day/time step", time],
    ["details step", `/${slug}/book/details?s=1&m=any&start=${starts[0]}`],
    ["confirmation", `${managePath}&new=1`],
    ["manage page", managePath],
  ];
}

async function waitForHealth() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await Bun.sleep(200);
  }
  throw new Error("the server did not start");
}

async function freePort(): Promise<number> {
  const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = Number(probe.port);
  await probe.stop(true);
  return port;
}
