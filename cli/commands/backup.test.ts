// The operator's commands end to end, as a shell would run them: backup, restore, tenant
// export/delete, and a remote tenant on a real sqld whose token must never be printed.
import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServe, zapis } from "../../test/serve.ts";
import { startSqld, type Sqld } from "../../test/sqld.ts";

let dir: string;
let sqld: Sqld;

beforeAll(async () => {
  sqld = await startSqld({ auth: true });
});
afterAll(async () => {
  await sqld?.stop();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function ok(run: ReturnType<typeof zapis>): string {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
  return run.stdout;
}

test("backup, restore (refused on a live tenant without --force), export and delete from the CLI", () => {
  dir = mkdtempSync(join(tmpdir(), "zapis-cli-"));
  const data = join(dir, "data");
  const out = join(dir, "backups");
  ok(zapis(data, ["tenant", "create", "salon", "--name", "Лотос", "--demo"]));

  const file = ok(zapis(data, ["backup", "salon", "--out", out])).trim();
  expect(file).toMatch(/\/salon-\d{8}T\d{6}Z\.db$/);
  expect(existsSync(`${file}.sha256`)).toBe(true);

  const refused = zapis(data, ["restore", "salon", "--from", file]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("add --force");
  expect(ok(zapis(data, ["restore", "salon", "--from", file, "--force"]))).toContain(join(data, "salon", "tenant.db."));
  expect(ok(zapis(data, ["restore", "copy", "--from", file]))).toContain("created tenant 'copy'");

  const exported = JSON.parse(ok(zapis(data, ["tenant", "export", "copy"])));
  expect(exported).toMatchObject({ tenant: "copy", name: "Лотос" });
  expect(exported.tables.services.length).toBeGreaterThan(0);

  expect(ok(zapis(data, ["tenant", "delete", "copy", "--out", out]))).toContain("final backup");
  expect(JSON.parse(ok(zapis(data, ["tenant", "list", "--json"]))).map((t: { slug: string }) => t.slug)).toEqual(["salon"]);
  expect(readdirSync(join(data, ".trash")).some((f) => f.startsWith("copy-"))).toBe(true);
  expect(readdirSync(out).filter((f) => f.startsWith("copy-") && f.endsWith(".db"))).toHaveLength(1);

  const usage = zapis(data, ["backup", "--out", out]);
  expect(usage.code).toBe(2);
}, 30_000);

test("a tenant on sqld works through the CLI and serve, and its token never appears in any output", async () => {
  dir = mkdtempSync(join(tmpdir(), "zapis-cli-"));
  const data = join(dir, "data");
  const out = join(dir, "backups");
  const token = sqld.token!;
  const outputs: string[] = [];
  const run = (args: string[]) => {
    const r = zapis(data, args);
    outputs.push(r.stdout, r.stderr);
    return ok(r);
  };
  run(["tenant", "create", "remote", "--name", "Remote", "--demo", "--db-url", sqld.url, "--db-token", token]);
  const listed = JSON.parse(run(["tenant", "list", "--json"]));
  expect(listed).toEqual([expect.objectContaining({ slug: "remote", db_url: sqld.url })]);
  const file = run(["backup", "remote", "--out", out]).trim();
  expect(JSON.parse(readFileSync(file.replace(/\.db$/, ".manifest.json"), "utf8")).source).toBe("remote");
  run(["restore", "remote", "--from", file, "--force"]);

  const server = await startServe(data);
  const page = await fetch(`${server.url}/remote`);
  expect(page.status).toBe(200);
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  expect(await server.stop("SIGTERM")).toBe(0);
  outputs.push(server.output());
  expect(server.output()).toContain('"msg":"stopped"');

  const all = outputs.join("\n");
  expect(all).toContain("remote");
  expect(all).not.toContain(token);
  for (const f of readdirSync(out)) expect(readFileSync(join(out, f)).includes(token)).toBe(false);
}, 30_000);
