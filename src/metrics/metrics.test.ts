import { afterEach, describe, expect, spyOn, test } from "bun:test";
import { makeBackupHarness, type BackupHarness } from "../../test/backup-harness.ts";
import { T0 } from "../../test/harness.ts";
import { freePort } from "../../test/sqld.ts";
import { backupTenant } from "../backup/backup.ts";
import { startServer } from "../http/server.ts";
import { MetricsRegistry } from "./registry.ts";

/** Checks the text exposition format: HELP and TYPE before a family's samples, samples well formed. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") {
        expect(["counter", "gauge", "histogram"]).toContain(meta[3] ?? "");
        typed.add(meta[2]!);
      }
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+]+|\+Inf|-Inf|NaN)$/.exec(line);
    if (!sample) throw new Error(`not a valid exposition line: ${line}`);
    const family = sample[1]!.replace(/_(bucket|sum|count)$/, "");
    expect(typed.has(family) || typed.has(sample[1]!)).toBe(true);
    samples.set(`${sample[1]}${sample[2] ?? ""}`, Number(sample[3]));
  }
  return samples;
}

describe("the metrics registry", () => {
  test("renders counters with escaped labels and cumulative histogram buckets", async () => {
    const registry = new MetricsRegistry();
    const c = registry.counter("t_total", "A counter.");
    c.inc({ route: '/a"b\\c' });
    c.inc({ route: '/a"b\\c' }, 2);
    const hist = registry.histogram("t_seconds", "A histogram.", [0.1, 1]);
    for (const v of [0.05, 0.5, 0.7, 3]) hist.observe({ route: "/x" }, v);
    registry.gauge("t_gauge", "A gauge.", () => [{ value: 42 }]);
    const samples = parseExposition(await registry.render());
    expect(samples.get('t_total{route="/a\\"b\\\\c"}')).toBe(3);
    expect(samples.get('t_seconds_bucket{route="/x",le="0.1"}')).toBe(1);
    expect(samples.get('t_seconds_bucket{route="/x",le="1"}')).toBe(3);
    expect(samples.get('t_seconds_bucket{route="/x",le="+Inf"}')).toBe(4);
    expect(samples.get('t_seconds_count{route="/x"}')).toBe(4);
    expect(samples.get('t_seconds_sum{route="/x"}')).toBeCloseTo(4.25);
    expect(samples.get("t_gauge")).toBe(42);
    expect(() => registry.counter("t_total", "again")).toThrow();
  });
});

describe("/metrics", () => {
  let h: BackupHarness;
  afterEach(() => h?.close());

  test("counts requests by route template and status with latency, served in Prometheus text format", async () => {
    h = await makeBackupHarness();
    const port = await freePort();
    const server = startServer(h.app, { ...h.deps.config, port, host: "127.0.0.1" });
    const quiet = spyOn(process.stdout, "write").mockImplementation(() => true); // the request log lines
    const scrape = async () => {
      const r = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(r.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      return parseExposition(await r.text());
    };
    try {
      const before = await scrape();
      const salon = 'zapis_http_requests_total{method="GET",route="/:slug",status="200"}';
      const missing = 'zapis_http_requests_total{method="GET",route="unmatched",status="404"}';
      for (let i = 0; i < 3; i++) expect((await fetch(`http://127.0.0.1:${port}/salon`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/salon/no/such/page`)).status).toBe(404);
      const after = await scrape();
      expect((after.get(salon) ?? 0) - (before.get(salon) ?? 0)).toBe(3);
      expect((after.get(missing) ?? 0) - (before.get(missing) ?? 0)).toBe(1);
      const latency = 'zapis_http_request_duration_seconds_count{method="GET",route="/:slug"}';
      expect((after.get(latency) ?? 0) - (before.get(latency) ?? 0)).toBe(3);
      // no salon slug ever becomes a label
      expect([...after.keys()].some((k) => k.includes("salon"))).toBe(false);
    } finally {
      quiet.mockRestore();
      await server.stop(true);
    }
  });

  test("reports the age of the least recently backed-up tenant", async () => {
    h = await makeBackupHarness();
    const ageOf = async () => parseExposition(await (await h.request("/metrics")).text());
    h.clock.set(T0 + 3_600_000);
    let samples = await ageOf();
    expect(samples.get("zapis_backup_age_seconds")).toBe(3_600);
    expect(samples.get("zapis_tenants_without_backup")).toBe(1);
    await backupTenant(h.ops, "salon", { outDir: h.backupDir });
    h.clock.advance(120_000);
    samples = await ageOf();
    expect(samples.get("zapis_backup_age_seconds")).toBe(120);
    expect(samples.get("zapis_tenants_without_backup")).toBe(0);
  });
});
