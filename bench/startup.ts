// Startup and memory of the real binary (prints figures; asserts nothing):
// binary size, cold start to the first 200 on /healthz, idle RSS, and RSS with 1,000 tenants
// provisioned and 100 of them touched. Baseline in the same run: a compiled "hello" Bun.serve.
//   bun bench/startup.ts            (builds dist/zapis first if it is missing)
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Registry } from "../src/tenant/registry.ts";
import { createTenant } from "../src/tenant/tenant.ts";
import { systemClock } from "../src/time/clock.ts";

const root = join(import.meta.dir, "..");
const work = mkdtempSync(join(tmpdir(), "zapis-bench-"));
const binary = join(root, "dist/zapis");
if (!existsSync(binary)) Bun.spawnSync([process.execPath, "scripts/build.ts"], { cwd: root, stdout: "inherit" });

const baselineSource = join(work, "hello.ts");
writeFileSync(baselineSource, `Bun.serve({ port: Number(process.env.PORT), hostname: "127.0.0.1", fetch: () => new Response("ok") });`);
const baseline = join(work, "hello");
Bun.spawnSync([process.execPath, "build", baselineSource, "--compile", "--outfile", baseline], { stdout: "ignore" });

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
let nextPort = 31_000 + Math.floor(Math.random() * 10_000);

async function coldStart(cmd: string[], cwd: string, path: string) {
  const port = nextPort++;
  const started = performance.now();
  const proc = Bun.spawn(cmd, { cwd, env: { PATH: "/usr/bin:/bin", PORT: String(port), ZAPIS_DATA: join(cwd, "tenants") }, stdout: "ignore", stderr: "inherit" });
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`).catch(() => null);
    if (res?.status === 200) break;
    await Bun.sleep(2);
  }
  return { proc, port, ms: performance.now() - started };
}

async function median(runs: number, fn: () => Promise<number>) {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await fn());
  return xs.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const emptyDir = mkdtempSync(join(work, "empty-"));
const zapisStart = await median(7, async () => {
  const { proc, ms } = await coldStart([binary, "serve", "--host", "127.0.0.1"], emptyDir, "/healthz");
  proc.kill();
  await proc.exited;
  return ms;
});
const helloStart = await median(7, async () => {
  const { proc, ms } = await coldStart([baseline], work, "/");
  proc.kill();
  await proc.exited;
  return ms;
});

const idle = await coldStart([binary, "serve", "--host", "127.0.0.1"], emptyDir, "/healthz");
await Bun.sleep(500);
const idleRss = rssMb(idle.proc.pid);
idle.proc.kill();
const hello = await coldStart([baseline], work, "/");
await Bun.sleep(500);
const helloRss = rssMb(hello.proc.pid);
hello.proc.kill();

// 1,000 tenants, provisioned through the same function the CLI uses
const manyDir = mkdtempSync(join(work, "many-"));
const registry = await Registry.open(join(manyDir, "tenants"), systemClock.now());
const provisionStarted = performance.now();
for (let i = 0; i < 1000; i++) {
  await createTenant({ registry, dataDir: join(manyDir, "tenants"), clock: systemClock }, { slug: `salon-${i}`, name: `Salon ${i}`, demo: i < 100 });
}
const provisionMs = performance.now() - provisionStarted;
registry.close();
const many = await coldStart([binary, "serve", "--host", "127.0.0.1"], manyDir, "/healthz");
const manyIdleRss = rssMb(many.proc.pid);
for (let i = 0; i < 100; i++) {
  const res = await fetch(`http://127.0.0.1:${many.port}/salon-${i}`);
  if (res.status !== 200) throw new Error(`salon-${i} answered ${res.status}`);
  await res.arrayBuffer();
}
await Bun.sleep(500);
const manyRss = rssMb(many.proc.pid);
many.proc.kill();
await many.proc.exited;

const mb = (n: number) => `${n.toFixed(1)} MB`;
console.log(`binary size                         ${mb(Bun.file(binary).size / 1024 / 1024)}   (hello: ${mb(Bun.file(baseline).size / 1024 / 1024)})`);
console.log(`cold start to first 200 (median 7)  ${zapisStart.toFixed(0)} ms   (hello: ${helloStart.toFixed(0)} ms, ratio ${(zapisStart / helloStart).toFixed(2)})   target < 150 ms`);
console.log(`idle RSS                            ${mb(idleRss)}   (hello: ${mb(helloRss)}, ratio ${(idleRss / helloRss).toFixed(2)})   target < 80 MB`);
console.log(`provisioning 1,000 tenants          ${(provisionMs / 1000).toFixed(1)} s (${(provisionMs / 1000).toFixed(1)} ms each)`);
console.log(`RSS, 1,000 tenants, none touched    ${mb(manyIdleRss)}`);
console.log(`RSS, 1,000 tenants, 100 touched     ${mb(manyRss)}   target < 200 MB`);
rmSync(work, { recursive: true, force: true });
