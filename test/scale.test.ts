// Issue 19: stateless instances. Two `zapis serve` processes with their own empty data folders
// share one sqld: the registry in its namespace `registry`, each salon in a namespace of its own
// (ZAPIS_TENANT_DB_URL=http://{slug}.localhost:<port>, created through sqld's admin API; salons are
// reached through a relay that can freeze an instance mid-lease). Salons are managed by the CLI
// from a third "host" (a third data folder).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSmtpFake, type FakeServer, type ReceivedMail } from "../src/notification/testing/fakes.ts";
import { apiOf, book, freeSlots } from "./booking-load.ts";
import { startServe, waitUntil, zapisAsync, type ServeProcess } from "./serve.ts";
import { startSqld, type Sqld } from "./sqld.ts";
import { startSqldProxy, type SqldProxy } from "./sqld-proxy.ts";
import { CLAIM_LEASE_MS } from "../src/notification/lease.ts";

// What the issue promises operators: a lifecycle change through any instance or host is seen by
// every instance within this long.
const LIFECYCLE_MS = 5_000;
const STARTUP_MS = 60_000;

let dir: string;
let sqld: Sqld;
let proxy: SqldProxy;
let smtp: FakeServer<ReceivedMail>;
let env: Record<string, string>;
let a: ServeProcess;
let b: ServeProcess;
let token: string;
const folder = (name: string) => join(dir, name);
/** The CLI on a third host: its own empty data folder, the same registry. */
const cli = (...args: string[]) => zapisAsync(folder("cli"), args, env);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zapis-scale-"));
  [sqld, smtp] = await Promise.all([startSqld({ auth: true, namespaces: true }), startSmtpFake()]);
  proxy = startSqldProxy(sqld.port);
  // the operator makes the registry's namespace once
  const made = await fetch(`${sqld.adminUrl}/v1/namespaces/registry/create`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(made.status).toBe(200);
  env = {
    ZAPIS_REGISTRY_URL: `http://registry.localhost:${sqld.port}`,
    ZAPIS_REGISTRY_TOKEN: sqld.token!,
    ZAPIS_TENANT_DB_URL: `http://{slug}.localhost:${proxy.port}`,
    ZAPIS_TENANT_DB_TOKEN: sqld.token!,
    ZAPIS_TENANT_ADMIN_URL: sqld.adminUrl!,
    SMTP_URL: smtp.url,
    SMTP_FROM: "Salon <salon@example.com>",
    ZAPIS_PUBLIC_WRITE_BURST: "1000000",
    ZAPIS_PUBLIC_WRITES_PER_MINUTE: "1000000",
  };
  [a, b] = await Promise.all([startServe(folder("a"), env), startServe(folder("b"), env)]);
}, STARTUP_MS);

afterAll(async () => {
  for (const s of [a, b]) if (s && s.proc.exitCode === null) await s.stop("SIGKILL");
  await smtp?.close();
  proxy?.stop();
  await sqld?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const status = async (server: ServeProcess, path: string) => (await fetch(`${server.url}${path}`)).status;
const title = async (server: ServeProcess) => /<title>([^<]*)<\/title>/.exec(await (await fetch(`${server.url}/salon`)).text())?.[1] ?? "";

test("a salon created by the CLI on another host is served by both instances, whose data folders stay empty", async () => {
  const created = await cli("tenant", "create", "salon", "--name", "Лотос", "--demo");
  expect(created.stderr).toBe("");
  token = (await cli("tenant", "token", "salon")).stdout.trim();
  expect(token.length).toBeGreaterThan(20);
  await waitUntil("A serves the salon", async () => (await status(a, "/salon")) === 200, LIFECYCLE_MS);
  await waitUntil("B serves the salon", async () => (await status(b, "/salon")) === 200, LIFECYCLE_MS);
  expect((await fetch(`${apiOf(b.url)}/bookings`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  // nothing another instance needs: no registry, no salon database in any data folder
  for (const name of ["a", "b", "cli"]) expect(existsSync(folder(name)) ? readdirSync(folder(name)) : []).toEqual([]);
}, 60_000);

test("a page B has cached follows a change made through A (the cache keys on the salon's data version)", async () => {
  expect(await title(b)).toContain("Лотос");
  const renamed = await fetch(apiOf(a.url), {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Лотос Плюс" }),
  });
  expect(renamed.status).toBe(200);
  await waitUntil("B shows the new name", async () => (await title(b)).includes("Лотос Плюс"), LIFECYCLE_MS);
}, 60_000);

test("60 concurrent bookings of one slot, split across both instances: exactly one 201", async () => {
  const [slot] = await freeSlots(a.url);
  const statuses = (await Promise.all(Array.from({ length: 60 }, (_, i) => book(i % 2 === 0 ? a.url : b.url, slot!)))).map((o) => o.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(59);
}, 60_000);

const jobRuns = async (server: ServeProcess) => Number(/zapis_job_runs_total\{job="notifications"\} (\d+)/.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);

test("one confirmation e-mail, though both instances run the sender", async () => {
  const slot = (await freeSlots(b.url)).at(-1)!;
  const booked = await fetch(`${apiOf(a.url)}/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ service_id: slot.serviceId, staff_id: slot.staffId, start_ts: slot.startTs, client: { name: "Ирина", phone: "+79160000011", email: "irina@example.com" } }),
  });
  expect(booked.status).toBe(201);
  await waitUntil("the confirmation arrives", () => smtp.received.length > 0, 30_000);
  // both senders tick twice more after it (B heard of the booking through the registry): still one
  const after = await Promise.all([jobRuns(a), jobRuns(b)]);
  await waitUntil("both senders ran twice more", async () => (await jobRuns(a)) >= after[0]! + 2 && (await jobRuns(b)) >= after[1]! + 2, 30_000);
  expect(smtp.received.map((m) => m.to.join())).toEqual(["irina@example.com"]);
}, 60_000);

test("disable and enable through the CLI reach the other instance within 5 s", async () => {
  expect((await cli("tenant", "disable", "salon")).code).toBe(0);
  await waitUntil("B refuses the disabled salon", async () => (await status(b, "/salon")) === 503, LIFECYCLE_MS);
  await waitUntil("A refuses the disabled salon", async () => (await status(a, "/salon")) === 503, LIFECYCLE_MS);
  expect((await cli("tenant", "enable", "salon")).code).toBe(0);
  await waitUntil("B serves the salon again", async () => (await status(b, "/salon")) === 200, LIFECYCLE_MS);
}, 60_000);

test("delete and re-create through the CLI: within 5 s the other instance serves the new salon, never the old database", async () => {
  expect(await title(b)).toContain("Лотос"); // cached on B
  const deleted = await cli("tenant", "delete", "salon", "--out", folder("final-backups"));
  expect(deleted.stderr).toBe("");
  await waitUntil("B forgets the deleted salon", async () => (await status(b, "/salon")) === 404, LIFECYCLE_MS);
  expect((await cli("tenant", "create", "salon", "--name", "Ромашка")).stderr).toBe("");
  await waitUntil("B serves the new salon", async () => (await title(b)).includes("Ромашка"), LIFECYCLE_MS);
  expect(await title(a)).toContain("Ромашка");
  // the old owner's token went with the old database
  expect((await fetch(`${apiOf(b.url)}/bookings`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
}, 60_000);

test("a salon on sqld is backed up by export and restored in place through the CLI; the other instance serves the restored data within 5 s", async () => {
  const backup = await cli("backup", "salon", "--out", folder("backups"));
  expect(backup.stderr).toBe("");
  const owner = (await cli("tenant", "token", "salon")).stdout.trim();
  const renamed = await fetch(apiOf(a.url), {
    method: "PATCH",
    headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "После бэкапа" }),
  });
  expect(renamed.status).toBe(200);
  await waitUntil("B shows the change", async () => (await title(b)).includes("После бэкапа"), LIFECYCLE_MS);
  const restored = await cli("restore", "salon", "--from", backup.stdout.trim(), "--force");
  expect(restored.stderr).toBe("");
  await waitUntil("B serves the restored salon", async () => (await title(b)).includes("Ромашка"), LIFECYCLE_MS);
  // the token was issued after the backup: it is not in the restored data
  expect((await fetch(`${apiOf(b.url)}/bookings`, { headers: { authorization: `Bearer ${owner}` } })).status).toBe(401);
}, 60_000);

test("an instance killed mid-lease (its claim committed, nothing sent): the other sends the confirmation within the lease time", async () => {
  expect((await cli("tenant", "create", "second", "--name", "Второй", "--demo")).stderr).toBe("");
  await waitUntil("both serve the new salon", async () => (await status(a, "/second")) === 200 && (await status(b, "/second")) === 200, LIFECYCLE_MS);
  const slot = (await freeSlots(a.url, "second"))[0]!;
  let frozen: number | null = null;
  void proxy.freezeNextClaimer([a.proc.pid, b.proc.pid]).then((pid) => (frozen = pid));
  const before = smtp.received.length;
  const booked = await fetch(`${apiOf(a.url, "second")}/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ service_id: slot.serviceId, staff_id: slot.staffId, start_ts: slot.startTs, client: { name: "Олег", phone: "+79160000022", email: "oleg@example.com" } }),
  });
  expect(booked.status).toBe(201);
  await waitUntil("a sender claims the confirmation", () => frozen !== null, 30_000);
  const victim = frozen === a.proc.pid ? a : b;
  await victim.stop("SIGKILL");
  await waitUntil("the other instance sends it", () => smtp.received.length > before, CLAIM_LEASE_MS + 30_000);
  expect(smtp.received.slice(before).map((m) => m.to.join())).toEqual(["oleg@example.com"]);
}, 180_000);
