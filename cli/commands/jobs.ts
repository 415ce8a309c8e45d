import { Command } from "commander";
import { findJob, JOBS } from "../../src/job/jobs.ts";
import { openRuntime } from "../runtime.ts";
import { flagsOf } from "./shared.ts";

export const jobsCommand = () => {
  const jobs = new Command("jobs").description("background jobs that `serve` runs on a schedule");
  jobs
    .command("list")
    .description("list the jobs and their schedules")
    .action(() => {
      for (const job of JOBS) console.log(`${job.name}\t${job.schedule}\t${job.description}`);
    });
  jobs
    .command("run <name>")
    .description("run a job once, now, for every active tenant (or one)")
    .option("--tenant <slug>", "only this tenant")
    .action(async (name: string, opts: { tenant?: string }, command: Command) => {
      const job = findJob(name);
      if (!job) command.error(`error: unknown job '${name}' (see \`zapis jobs list\`)`, { exitCode: 2 });
      const rt = await openRuntime(flagsOf(command));
      const runner = job!.start(rt);
      try {
        const results = await runner.run({ tenant: opts.tenant });
        for (const r of results) console.log(`${r.slug}: ${r.outcome === "ok" ? r.detail : `${r.outcome.toUpperCase()} ${r.detail}`} (${r.ms} ms)`);
        if (results.some((r) => r.outcome === "failed")) process.exitCode = 1;
      } finally {
        runner.close();
        rt.close();
      }
    });
  for (const sub of jobs.commands) sub.exitOverride();
  return jobs;
};
