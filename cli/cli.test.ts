// The CLI as an operator meets it: the compiled binary, alone in an empty folder, with no Bun and
// no node_modules on its path.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSqld } from "../test/sqld.ts";

let dir: string;
let binary: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zapis-cli-"));
  binary = join(dir, "zapis");
  const build = Bun.spawnSync([process.execPath, "scripts/build.ts", "--outfile", binary], { cwd: join(import.meta.dir, "..") });
  if (build.exitCode !== 0) throw new Error(`build failed: ${build.stderr.toString()}`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({ PATH: "/usr/bin:/bin", HOME: dir });

function zapis(...args: string[]) {
  const run = Bun.spawnSync([binary, ...args], { cwd: dir, env: env() });
  return { code: run.exitCode, out: run.stdout.toString(), err: run.stderr.toString() };
}

describe("zapis binary", () => {
  test("creates a tenant, refuses bad input with the right exit codes and messages", () => {
    const ok = zapis("tenant", "create", "acme", "--name", "Acme Salon", "--timezone", "Europe/Moscow", "--owner-email", "owner@acme.ru", "--owner-password", "secret-pass-1");
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("created tenant 'acme'");

    const again = zapis("tenant", "create", "acme", "--name", "Acme");
    expect(again.code).toBe(1);
    expect(again.err).toContain("tenant 'acme' already exists");

    const badSlug = zapis("tenant", "create", "Bad Slug!", "--name", "X");
    expect(badSlug.code).toBe(2);
    expect(badSlug.err).toContain("invalid slug 'Bad Slug!': use 3–40 of a-z, 0-9 and '-'");

    const badZone = zapis("tenant", "create", "okay", "--name", "X", "--timezone", "Moscow");
    expect(badZone.code).toBe(2);
    expect(badZone.err).toContain("unknown time zone 'Moscow' (e.g. Europe/Moscow)");

    expect(zapis("tenant", "create", "static", "--name", "X").code).toBe(2);
    expect(zapis("tenant", "frobnicate").code).toBe(2);
    expect(zapis("tenant", "create", "nameless").code).toBe(2);
  });

  test("--help works on every command", () => {
    for (const args of [[], ["serve"], ["tenant"], ["tenant", "create"], ["migrate"], ["config"]]) {
      const help = zapis(...args, "--help");
      expect(help.code).toBe(0);
      expect(help.out).toContain("Usage: zapis");
    }
  });

  test("lists tenants as JSON without secrets, prints only a token, and disables/enables", () => {
    const list = zapis("tenant", "list", "--json");
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.out) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.slug)).toEqual(["acme"]);
    expect(rows[0]).not.toHaveProperty("db_token");

    const token = zapis("tenant", "token", "acme");
    expect(token.code).toBe(0);
    expect(token.out).toMatch(/^zap_[A-Za-z0-9_-]{43}\n$/);
    expect(zapis("tenant", "token", "ghost").code).toBe(1);

    expect(zapis("tenant", "disable", "acme").code).toBe(0);
    expect(JSON.parse(zapis("tenant", "list", "--json").out)[0].status).toBe("disabled");
    expect(zapis("tenant", "enable", "acme").code).toBe(0);
    expect(zapis("migrate").out).toContain("acme: up to date");
  });

  test("config prints the configuration with secrets redacted", () => {
    const run = Bun.spawnSync([binary, "config"], { cwd: dir, env: { ...env(), SMTP_URL: "smtp://u:hunter2@mail.local:25" } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.toString()).not.toContain("hunter2");
    const bad = Bun.spawnSync([binary, "config"], { cwd: dir, env: { ...env(), PORT: "eighty" } });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.toString()).toContain("PORT must be a whole number");
  });

  test("serves the tenant's page and stops cleanly on SIGTERM", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const server = Bun.spawn([binary, "serve", "--port", String(port), "--host", "127.0.0.1"], { cwd: dir, env: env(), stdout: "pipe", stderr: "pipe" });
    try {
      let page: Response | null = null;
      for (let i = 0; i < 100 && !page; i++) {
        page = await fetch(`http://127.0.0.1:${port}/acme`).catch(() => null);
        if (!page) await Bun.sleep(50);
      }
      expect(page?.status).toBe(200);
      expect(await page!.text()).toContain("Acme Salon");
      expect(page!.headers.get("x-request-id")).toBeTruthy();
    } finally {
      server.kill("SIGTERM");
    }
    expect(await server.exited).toBe(0);
    const log = await new Response(server.stdout).text();
    const line = log.split("\n").map((l) => (l ? JSON.parse(l) : null)).find((l) => l?.path === "/acme");
    expect(line).toMatchObject({ method: "GET", status: 200, tenant: "acme" });
    expect(typeof line.ms).toBe("number");
  });

  // @libsql/client is a chunk of the binary of its own, loaded on first use (scripts/build.ts)
  test("provisions a salon on a libSQL server", async () => {
    const sqld = await startSqld();
    try {
      const created = zapis("tenant", "create", "remote", "--name", "Remote Salon", "--db-url", sqld.url);
      expect(created.err).toBe("");
      expect(created.code).toBe(0);
      expect(created.out).toContain("created tenant 'remote'");
    } finally {
      await sqld.stop();
    }
  });
});
