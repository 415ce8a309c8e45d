// New salons on a libSQL server (issue 19): a namespace per salon through sqld's admin API, and
// never a database that already holds someone's salon.
import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSqld, type Sqld } from "../../test/sqld.ts";
import { systemClock } from "../time/clock.ts";
import { TenantDbTemplate } from "./db-url.ts";
import { SqldNamespaces } from "./placement.ts";
import { Registry } from "./registry.ts";
import { createTenant } from "./tenant.ts";

let sqld: Sqld;
let dataDir: string;
let registry: Registry;
beforeAll(async () => {
  sqld = await startSqld({ auth: true, namespaces: true });
});
afterAll(async () => {
  await sqld?.stop();
});
afterEach(() => {
  registry?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(): Promise<{ deps: { registry: Registry; dataDir: string; clock: typeof systemClock }; namespaces: SqldNamespaces }> {
  dataDir = mkdtempSync(join(tmpdir(), "zapis-placement-"));
  const namespaces = new SqldNamespaces(sqld.adminUrl!, null);
  const template = TenantDbTemplate.parse(`http://{slug}.localhost:${sqld.port}`)!;
  registry = await Registry.open({ dataDir, placement: { template, token: sqld.token, namespaces } }, systemClock.now());
  return { deps: { registry, dataDir, clock: systemClock }, namespaces };
}

test("a new salon gets its own namespace; a namespace that already exists is never taken over", async () => {
  const { deps, namespaces } = await open();
  const row = await createTenant(deps, { slug: "fresh", name: "Свежий" });
  expect(row).toMatchObject({ dbUrl: `http://fresh.localhost:${sqld.port}`, dbNamespace: "fresh", dbToken: sqld.token });
  expect(row.incarnation).toMatch(/^[0-9a-f-]{36}$/);

  expect(await namespaces.create("taken")).toBe(true);
  await expect(createTenant(deps, { slug: "taken", name: "Чужой" })).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
  expect(await registry.get("taken")).toBeNull();
  expect(await namespaces.create("taken")).toBe(false); // still there: it was not ours to drop
});

test("a database named by --db-url that already holds a salon is refused and left as it was", async () => {
  const { deps } = await open();
  const { dbUrl: url } = await createTenant(deps, { slug: "first", name: "Свежий" });
  await registry.remove("first"); // as if the registry had lost the row, the data still on the server
  await expect(createTenant(deps, { slug: "again", name: "Поверх", dbUrl: url!, dbToken: sqld.token! })).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
  const name = await fetch(`${url}/v2/pipeline`, {
    method: "POST",
    headers: { authorization: `Bearer ${sqld.token}`, "content-type": "application/json" },
    body: JSON.stringify({ requests: [{ type: "execute", stmt: { sql: "SELECT name FROM business" } }, { type: "close" }] }),
  });
  expect(JSON.stringify(await name.json())).toContain("Свежий");
});
