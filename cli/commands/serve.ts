import { Command } from "commander";
import { logLine } from "../../src/http/log.ts";
import { createTenant, migrateTenants } from "../../src/tenant/tenant.ts";
import { openRuntime, VERSION, type Runtime } from "../runtime.ts";
import { flagsOf } from "./shared.ts";

// How long SIGTERM waits for in-flight requests; below the usual 30 s before an orchestrator SIGKILLs.
const SHUTDOWN_GRACE_MS = 10_000;

// The demo salon `npm start` serves: created once, then left as the visitor changed it.
const DEMO = {
  slug: "demo",
  name: "Салон красоты «Лотос»",
  ownerEmail: "owner@demo.zapis.local",
  ownerPassword: "demo-owner-password",
};

export const serveCommand = () =>
  new Command("serve")
    .description("serve the booking pages, admin and API (migrates every tenant first)")
    .option("--port <port>", "port to listen on; env PORT", undefined)
    .option("--host <host>", "address to listen on; env HOST", undefined)
    .option("--demo", "create the demo salon 'demo' first if it does not exist")
    .action(async (opts: { demo?: boolean }, command: Command) => {
      const rt = await openRuntime(flagsOf(command));
      if (opts.demo) await ensureDemo(rt);
      // A server behind its schema would corrupt data: migrate every tenant the registry marks as
      // behind, or refuse to start. (Each tenant also checks itself when it is opened.)
      const reports = await migrateTenants({ registry: rt.registry, dataDir: rt.config.dataDir, clock: rt.clock }, { behindOnly: true });
      const failed = reports.filter((r) => r.error);
      if (failed.length > 0) {
        for (const r of failed) console.error(`error: tenant '${r.slug}': ${r.error}`);
        rt.close();
        throw new Error("not serving: fix the failed migrations above, then run `zapis migrate`");
      }
      // the server, its routes and the jobs load only for `serve`: other commands start faster without them
      const [{ createApp }, { startServer }, { startJobs }] = await Promise.all([
        import("../../src/http/app.ts"),
        import("../../src/http/server.ts"),
        import("../../src/job/scheduler.ts"),
      ]);
      const app = createApp({ ...rt, version: VERSION, rateLimits: { capacity: rt.config.publicWriteBurst, refillPerSecond: rt.config.publicWritesPerMinute / 60 } });
      const server = startServer(app, rt.config);
      const jobs = startJobs(rt); // croner: notifications every few seconds, and the rest of src/job/jobs.ts
      // the binary starts with a reluctant JIT (scripts/build.ts); from here on, code runs per request
      Bun.unsafe.setJITPolicy(1);
      logLine({ level: "info", msg: "listening", url: `http://${rt.config.host}:${server.port}`, version: VERSION, data: rt.config.dataDir });
      // SIGTERM: stop taking requests and starting job runs, let in-flight requests finish (within a
      // grace period), then close every database. A second signal kills at once.
      const stop = async (signal: string) => {
        logLine({ level: "info", msg: "shutting down", signal });
        jobs.stop();
        const drained = await Promise.race([server.stop().then(() => true), Bun.sleep(SHUTDOWN_GRACE_MS).then(() => false)]);
        if (!drained) {
          logLine({ level: "warn", msg: "requests still running after the grace period; closing them", grace_ms: SHUTDOWN_GRACE_MS });
          await server.stop(true);
        }
        rt.close();
        logLine({ level: "info", msg: "stopped", signal });
        process.exit(0);
      };
      process.once("SIGTERM", () => void stop("SIGTERM"));
      process.once("SIGINT", () => void stop("SIGINT"));
    });

async function ensureDemo(rt: Runtime): Promise<void> {
  if (await rt.registry.get(DEMO.slug)) return;
  await createTenant({ registry: rt.registry, dataDir: rt.config.dataDir, clock: rt.clock }, { ...DEMO, demo: true });
  logLine({ level: "info", msg: "created the demo salon", url: `${rt.config.publicUrl}/${DEMO.slug}`, owner_email: DEMO.ownerEmail, owner_password: DEMO.ownerPassword });
}
