/**
 * A second app instance for the cross-process race test: its own registry, connection pool and
 * write queue on the SAME data folder, in its own process (two pools in one process would block
 * each other's event loop inside SQLite's busy wait, which no deployment does).
 *
 *   bun src/booking/testing/race-worker.ts <dataDir> <slug> <requests> <json body>
 * prints "ready", waits for a line on stdin, fires the requests at once, prints the statuses as JSON.
 */
import { loadConfig } from "../../config/config.ts";
import { createApp } from "../../http/app.ts";
import { TenantConnections } from "../../tenant/connections.ts";
import { Registry } from "../../tenant/registry.ts";
import { systemClock, fixedClock } from "../../time/clock.ts";

const [dataDir, slug, requests, body, now] = process.argv.slice(2);
if (!dataDir || !slug || !requests || !body || !now) throw new Error("usage: race-worker <dataDir> <slug> <requests> <body> <now>");
const clock = fixedClock(Number(now));
const registry = await Registry.open(dataDir, systemClock.now());
const tenants = new TenantConnections(registry, dataDir, { maxOpen: 5, idleMs: 60_000 }, clock);
const app = createApp({ config: loadConfig({ ZAPIS_DATA: dataDir }), clock, registry, tenants, version: "race-worker" });
await tenants.get(slug); // open the database before the race starts

console.log("ready");
for await (const _ of console) break;
const statuses = await Promise.all(
  Array.from({ length: Number(requests) }, async (_, i) => {
    const payload = JSON.parse(body) as { client: { name: string } };
    payload.client.name = `${payload.client.name} ${i}`;
    const res = await app.handle(
      new Request(`http://localhost/api/v1/businesses/${slug}/bookings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      }),
    );
    return res.status;
  }),
);
console.log(JSON.stringify(statuses));
tenants.closeAll();
registry.close();
