// `zapis import …` as an operator runs it: the real CLI in a subprocess, against the loopback fake of
// YClients at its real 5 requests/second limit.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/db/database.ts";
import { Registry } from "../../src/tenant/registry.ts";
import { createTenant } from "../../src/tenant/tenant.ts";
import { FIXTURE_DIR, readFixture, startFakeYClients, type FakeYClients } from "../../test/fakes/yclients-server.ts";

const ROOT = join(import.meta.dir, "../..");
const counts = readFixture<{ companies: Array<{ counts: { records_total_including_deleted: number; clients: number } }> }>("_expected.json").companies[0]!.counts;
let fake: FakeYClients;
let data: string;

beforeAll(() => {
  fake = startFakeYClients();
});
afterAll(() => fake.stop());
afterEach(() => rmSync(data, { recursive: true, force: true }));
beforeEach(async () => {
  data = mkdtempSync(join(tmpdir(), "zapis-import-cli-"));
  const registry = await Registry.open(data, Date.now());
  await createTenant({ registry, dataDir: data, clock: { now: () => Date.now() } }, { slug: "salon", name: "Test Salon" });
  registry.close();
});

// Asynchronous: the fake YClients lives in this process and must keep answering while the CLI runs.
async function zapis(...args: string[]) {
  const run = Bun.spawn([process.execPath, "cli/main.ts", "--data", data, ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(run.stdout).text(), new Response(run.stderr).text(), run.exited]);
  return { code, out, err };
}
const yclients = (...extra: string[]) =>
  zapis("import", "yclients", "--tenant", "salon", "--company", String(fake.companyId), "--partner-token", fake.partnerToken, "--user-token", fake.userToken, "--base-url", fake.url, "--from", "2024-12-16", "--to", "2025-07-07", ...extra);

async function rows(table: string): Promise<number> {
  const db = await openDatabase({ url: `file:${join(data, "salon", "tenant.db")}` });
  try {
    return Number((await db.client.execute(`SELECT count(*) FROM ${table}`)).rows[0]![0]);
  } finally {
    db.close();
  }
}
const reports = () => (existsSync(join(data, "salon", "imports")) ? readdirSync(join(data, "salon", "imports")) : []);

describe("zapis import yclients", () => {
  test("imports, prints and saves the report; a second run creates nothing", async () => {
    const first = await yclients();
    expect(first.err).not.toContain("error");
    expect(first.code).toBe(0);
    expect(first.out).toContain(`bookings    created ${counts.records_total_including_deleted}, updated 0, unchanged 0, skipped 0`);
    expect(first.err).toContain(`clients: ${counts.clients}/${counts.clients}`); // plain progress lines off a terminal
    const [saved] = reports();
    const report = JSON.parse(readFileSync(join(data, "salon", "imports", saved!), "utf8")) as { entities: Record<string, { created: number }>; merge_candidates: unknown[] };
    expect(report.entities.bookings!.created).toBe(counts.records_total_including_deleted);
    expect(report.merge_candidates.length).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]); // throttled under the real limit

    const second = await yclients();
    expect(second.code).toBe(0);
    expect(second.out).toContain(`bookings    created 0, updated 0, unchanged ${counts.records_total_including_deleted}`);
    expect(await rows("bookings")).toBe(counts.records_total_including_deleted);
  }, 30_000);

  test("--dry-run prints what it would do and writes nothing", async () => {
    const dry = await yclients("--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("DRY RUN");
    expect(dry.out).toContain(`bookings    created ${counts.records_total_including_deleted}`);
    expect(await rows("bookings")).toBe(0);
    expect(await rows("clients")).toBe(0);
    expect(reports()).toEqual([]);
  }, 30_000);

  test("wrong tokens: a clear message, exit 1, nothing written; bad flags: exit 2", async () => {
    const denied = await zapis("import", "yclients", "--tenant", "salon", "--company", String(fake.companyId), "--partner-token", fake.partnerToken, "--user-token", "stale", "--base-url", fake.url);
    expect(denied.code).toBe(1);
    expect(denied.err).toContain("YClients rejected the tokens (Необходима авторизация)");
    expect(denied.err).not.toContain("stale"); // tokens never reach the output
    expect(await rows("import_links")).toBe(0);
    expect(reports()).toEqual([]);

    expect((await yclients("--from", "2025-13-01")).code).toBe(2);
    const badCompany = await zapis("import", "yclients", "--tenant", "salon", "--company", "abc", "--partner-token", "p", "--user-token", "u");
    expect(badCompany.code).toBe(2);
    expect(badCompany.err).toContain("--company must be a YClients company id");
    // what a token or the address may carry is decided here, not by the string (header or query smuggling)
    const smuggled = await zapis("import", "yclients", "--tenant", "salon", "--company", "1", "--partner-token", "p1234, User x", "--user-token", fake.userToken, "--base-url", `${fake.url}/?token=x`);
    expect(smuggled.code).toBe(2);
    expect(smuggled.err).toContain("--base-url must be http(s)://host[:port]");
    expect(smuggled.err).toContain("--partner-token must be the token");
  }, 30_000);
});

// issue 18: the scheduled sync
describe("zapis import yclients --keep-syncing", () => {
  test("stores what the yclients-sync job needs; a bad interval is a usage error", async () => {
    expect((await yclients("--keep-syncing", "--sync-minutes", "2")).code).toBe(2);
    const kept = await yclients("--keep-syncing", "--sync-minutes", "15");
    expect(kept.code).toBe(0);
    const db = await openDatabase({ url: `file:${join(data, "salon", "tenant.db")}` });
    try {
      const row = (await db.client.execute("SELECT company_id, base_url, interval_minutes, cursor_at FROM yclients_sync")).rows[0]!;
      expect([row[0], row[1], row[2]]).toEqual([String(fake.companyId), fake.url, 15]);
      expect(Number(row[3])).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    expect(kept.out).not.toContain(fake.userToken);
  }, 30_000);
});

describe("zapis import yclients-file and yclients-webhook", () => {
  test("the CSV export imports clients; the webhook command prints a tokened URL", async () => {
    const file = await zapis("import", "yclients-file", "--tenant", "salon", join(FIXTURE_DIR, "clients_export.csv"));
    expect(file.code).toBe(0);
    expect(file.out).toContain(`clients     created ${counts.clients - 1}`);
    expect(await rows("clients")).toBe(counts.clients - 1);

    const hook = await zapis("import", "yclients-webhook", "--tenant", "salon", "--company", String(fake.companyId));
    expect(hook.code).toBe(0);
    expect(hook.out.trim()).toMatch(/^http:\/\/localhost:\d+\/api\/v1\/businesses\/salon\/webhooks\/yclients\?token=whk_[\w-]{20,}$/);
   }, 30_000);

  test("a damaged .xlsx is refused with one clear line, not a crash, and imports nothing", async () => {
    const path = join(data, "clients.xlsx");
    // a zip's first bytes and then nothing a zip needs
    await Bun.write(path, Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(100, 0x41)]));
    const run = await zapis("import", "yclients-file", "--tenant", "salon", path);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain(`cannot read '${path}': not an .xlsx file`);
    expect(run.err).not.toContain("    at ");
    expect(await rows("clients")).toBe(0);
  }, 30_000);
});
