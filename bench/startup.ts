// Startup and memory of the real binary (prints figures; asserts nothing):
// binary size, cold start to the first 200 on /healthz (wall time, and the CPU time the process
// had used by then: steadier than wall time on a busy machine), idle RSS, and RSS with 1,000
// tenants provisioned and 100 of them touched, and the CPU that server's jobs burn in an idle
// minute. Baseline in the same run: a compiled "hello" Bun.serve.
//   bun bench/startup.ts [binary]     (dist/zapis by default, built first if it is missing)
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Subprocess } from "bun";
import { Registry } from "../src/tenant/registry.ts";
import { createTenant } from "../src/tenant/tenant.ts";
import { systemClock } from "../src/time/clock.ts";
import { freePort } from "../test/sqld.ts";

const root = join(import.meta.dir, "..");
const work = mkdtempSync(join(tmpdir(), "zapis-bench-"));
const binary = process.argv[2] ? resolve(process.argv[2]) : join(root, "dist/zapis");
if (!existsSync(binary)) Bun.spawnSync([process.execPath, "scripts/build.ts"], { cwd: root, stdout: "inherit" });

const baselineSource = join(work, "hello.ts");
writeFileSync(baselineSource, `Bun.serve({ port: Number(process.env.PORT), hostname: "127.0.0.1", fetch: () => new Response("ok") });`);
const baseline = join(work, "hello");
Bun.spawnSync([process.execPath, "build", baselineSource, "--compile", "--outfile", baseline], { stdout: "ignore" });

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
// user + system time of a live process (/proc/<pid>/stat fields 14 and 15, in clock ticks of 10 ms)
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const START_TIMEOUT_MS = 30_000;
// Idle CPU of the 1,000-tenant server is measured over a minute, once every job has looked at
// every salon: the notifications and webhooks jobs look at 25 more each 5 s tick, 1,000 in 200 s.
const IDLE_FROM_MS = 250_000;
const IDLE_WINDOW_MS = 60_000;
const ATTEMPTS = 3;

interface Started {
  proc: Subprocess;
  port: number;
  ms: number;
  cpuMs: number;
}

/** Spawns the server and polls `path` until it answers 200; a child that exits first is started again on another port. */
async function coldStart(cmd: string[], cwd: string, path: string): Promise<Started> {
  for (let attempt = 1; ; attempt++) {
    // a port the OS just handed out: a random pick was sometimes in use, and the child exited ("Is
    // port N in use?") while the bench waited for it forever; a lost race is one more attempt
    const port = await freePort();
    const started = performance.now();
    const proc = Bun.spawn(cmd, { cwd, env: { PATH: "/usr/bin:/bin", PORT: String(port), ZAPIS_DATA: join(cwd, "tenants") }, stdout: "ignore", stderr: "pipe" });
    let exited = false;
    void proc.exited.then(() => (exited = true));
    while (!exited && performance.now() - started < START_TIMEOUT_MS) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`).catch(() => null);
      if (res?.status === 200) {
        const cpu = cpuMs(proc.pid);
        await res.arrayBuffer();
        return { proc, port, ms: performance.now() - started, cpuMs: cpu };
      }
      await Bun.sleep(2);
    }
    proc.kill("SIGKILL");
    await proc.exited;
    const stderr = (await new Response(proc.stderr as ReadableStream).text()).trim();
    const why = exited ? `exited with ${proc.exitCode}: ${stderr}` : `no 200 on ${path} within ${START_TIMEOUT_MS} ms`;
    if (attempt >= ATTEMPTS) throw new Error(`${cmd[0]} did not start (${why})`);
    console.warn(`retrying: ${cmd[0]} ${why}`);
  }
}

async function stop(started: Started): Promise<void> {
  started.proc.kill();
  await started.proc.exited;
}

/** Median wall and CPU times over `runs` cold starts. */
async function medianStart(runs: number, cmd: string[], cwd: string, path: string) {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = await coldStart(cmd, cwd, path);
    await stop(started);
    walls.push(started.ms);
    cpus.push(started.cpuMs);
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const mid = Math.floor(runs / 2);
  return { ms: walls[mid]!, cpuMs: cpus[mid]!, range: `${walls[0]!.toFixed(0)}–${walls.at(-1)!.toFixed(0)}` };
}

try {
  const emptyDir = mkdtempSync(join(work, "empty-"));
  const zapisStart = await medianStart(7, [binary, "serve", "--host", "127.0.0.1"], emptyDir, "/healthz");
  const helloStart = await medianStart(7, [baseline], work, "/");

  const idle = await coldStart([binary, "serve", "--host", "127.0.0.1"], emptyDir, "/healthz");
  await Bun.sleep(500);
  const idleRss = rssMb(idle.proc.pid);
  await stop(idle);
  const hello = await coldStart([baseline], work, "/");
  await Bun.sleep(500);
  const helloRss = rssMb(hello.proc.pid);
  await stop(hello);

  // 1,000 tenants, provisioned through the same function the CLI uses
  const manyDir = mkdtempSync(join(work, "many-"));
  const registry = await Registry.open(join(manyDir, "tenants"), systemClock.now());
  const provisionStarted = performance.now();
  for (let i = 0; i < 1000; i++) {
    await createTenant({ registry, dataDir: join(manyDir, "tenants"), clock: systemClock }, { slug: `salon-${i}`, name: `Salon ${i}`, demo: i < 100 });
  }
  const provisionMs = performance.now() - provisionStarted;
  registry.close();
  const manyStarted = performance.now();
  const many = await coldStart([binary, "serve", "--host", "127.0.0.1"], manyDir, "/healthz");
  let manyIdleRss: number;
  let manyRss: number;
  let idleCpuMs: number;
  try {
    manyIdleRss = rssMb(many.proc.pid);
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`http://127.0.0.1:${many.port}/salon-${i}`, { signal: AbortSignal.timeout(START_TIMEOUT_MS) });
      if (res.status !== 200) throw new Error(`salon-${i} answered ${res.status}`);
      await res.arrayBuffer();
    }
    await Bun.sleep(500);
    manyRss = rssMb(many.proc.pid);
    await Bun.sleep(Math.max(0, IDLE_FROM_MS - (performance.now() - manyStarted)));
    const idleFrom = cpuMs(many.proc.pid);
    await Bun.sleep(IDLE_WINDOW_MS);
    idleCpuMs = cpuMs(many.proc.pid) - idleFrom;
  } finally {
    await stop(many);
  }

  const mb = (n: number) => `${n.toFixed(1)} MB`;
  console.log(`binary size                         ${mb(Bun.file(binary).size / 1024 / 1024)}   (hello: ${mb(Bun.file(baseline).size / 1024 / 1024)})`);
  console.log(`cold start to first 200 (median 7)  ${zapisStart.ms.toFixed(0)} ms, range ${zapisStart.range}   (hello: ${helloStart.ms.toFixed(0)} ms, ratio ${(zapisStart.ms / helloStart.ms).toFixed(2)})   target < 150 ms`);
  console.log(`CPU time to first 200 (median 7)    ${zapisStart.cpuMs.toFixed(0)} ms   (hello: ${helloStart.cpuMs.toFixed(0)} ms)`);
  console.log(`idle RSS                            ${mb(idleRss)}   (hello: ${mb(helloRss)}, ratio ${(idleRss / helloRss).toFixed(2)})   target < 80 MB`);
  console.log(`provisioning 1,000 tenants          ${(provisionMs / 1000).toFixed(1)} s (${(provisionMs / 1000).toFixed(1)} ms each)`);
  console.log(`RSS, 1,000 tenants, none touched    ${mb(manyIdleRss)}`);
  console.log(`RSS, 1,000 tenants, 100 touched     ${mb(manyRss)}   target < 200 MB`);
  console.log(`CPU, 1,000 tenants idle, 1 minute   ${(idleCpuMs / 1000).toFixed(1)} s   (from ${IDLE_FROM_MS / 1000} s after start)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
