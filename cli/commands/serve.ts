import { Command } from "commander";
import { createApp } from "../../src/http/app.ts";
import { logLine } from "../../src/http/log.ts";
import { startServer } from "../../src/http/server.ts";
import { createTenant, migrateTenants } from "../../src/tenant/tenant.ts";
import { openRuntime, VERSION, type Runtime } from "../runtime.ts";
import { flagsOf } from "./shared.ts";

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
      const app = createApp({ ...rt, version: VERSION });
      const server = startServer(app, rt.config);
      logLine({ level: "info", msg: "listening", url: `http://${rt.config.host}:${server.port}`, version: VERSION, data: rt.config.dataDir });
      const stop = async (signal: string) => {
        logLine({ level: "info", msg: "shutting down", signal });
        await server.stop(); // lets in-flight requests finish
        rt.close();
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
