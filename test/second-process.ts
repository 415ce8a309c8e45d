/**
 * Races between two processes on one data folder (as two `serve` instances would be): each has its
 * own registry, connection pool and write queue. Two pools in one process would block each other's
 * event loop inside SQLite's busy wait, which no deployment does — hence a real second process.
 */
import { loadConfig } from "../src/config/config.ts";
import { createApp, type App } from "../src/http/app.ts";
import { TenantConnections } from "../src/tenant/connections.ts";
import { Registry } from "../src/tenant/registry.ts";
import { fixedClock, systemClock } from "../src/time/clock.ts";

/**
 * The worker's side: opens the app on `dataDir`, prints "ready", waits for a line on stdin, runs
 * `fire` and prints the statuses it answers as JSON.
 */
export async function raceWorker(dataDir: string, slug: string, now: number, fire: (app: App) => Promise<number[]>): Promise<void> {
  const clock = fixedClock(now);
  const registry = await Registry.open(dataDir, systemClock.now());
  const tenants = new TenantConnections(registry, dataDir, { maxOpen: 5, idleMs: 60_000 }, clock);
  const app = createApp({ config: loadConfig({ ZAPIS_DATA: dataDir }), clock, registry, tenants, version: "race-worker" });
  await tenants.get(slug); // open the database before the race starts
  console.log("ready");
  for await (const _ of console) break;
  console.log(JSON.stringify(await fire(app)));
  tenants.closeAll();
  registry.close();
}

/**
 * The test's side: starts `script` with `args`, and once it is ready
 * fires both sides at once; answers every status, this process's first.
 */
export async function raceWithSecondProcess(script: string, args: string[], here: () => Promise<number[]>): Promise<number[]> {
  const worker = Bun.spawn([process.execPath, script, ...args], { stdin: "pipe", stdout: "pipe", stderr: "inherit" });
  const lines = worker.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("ready\n")) {
    const { value, done } = await lines.read();
    if (done) throw new Error(`race worker exited before it was ready: ${out}`);
    out += value;
  }
  worker.stdin.write("go\n");
  worker.stdin.end();
  const ours = await here();
  while (true) {
    const { value, done } = await lines.read();
    if (done) break;
    out += value;
  }
  if ((await worker.exited) !== 0) throw new Error(`race worker failed: ${out}`);
  const theirs = JSON.parse(out.slice(out.indexOf("ready\n") + 6).trim()) as number[];
  return [...ours, ...theirs];
}
