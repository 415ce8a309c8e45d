import { Cron } from "croner";
import { logLine } from "../http/log.ts";
import { jobFailures, jobRuns } from "../metrics/metrics.ts";
import type { Job, JobContext } from "./job.ts";
import { JOBS } from "./jobs.ts";

export interface RunningJobs {
  stop(): void;
}

/**
 * Starts every registered job on its croner schedule (called once by `serve`). Runs may overlap:
 * jobs guard per tenant (forEachTenant), so a tick is never held back by one slow salon. A run
 * that throws as a whole is logged and the schedule goes on.
 */
export function startJobs(ctx: JobContext, jobs: readonly Job[] = JOBS): RunningJobs {
  const started = jobs.map((job) => {
    const runner = job.start(ctx);
    // In UTC: the schedules name seconds and minutes, the same in every time zone, and reading them
    // in local time made the first cron load the system time zone, ~10 ms of CPU of every start (issue 20)
    const cron = new Cron(job.schedule, { name: job.name, protect: false, utcOffset: 0 }, async () => {
      jobRuns.inc({ job: job.name });
      try {
        const results = await runner.run();
        const failed = results.filter((r) => r.outcome === "failed");
        if (failed.length > 0) {
          jobFailures.inc({ job: job.name });
          logLine({ level: "warn", msg: "job run had failures", job: job.name, failed: failed.map((r) => r.slug) });
        }
      } catch (error) {
        jobFailures.inc({ job: job.name });
        logLine({ level: "error", msg: "job run failed", job: job.name, error: error instanceof Error ? error.message : String(error) });
      }
    });
    return { cron, runner };
  });
  return {
    stop() {
      for (const { cron, runner } of started) {
        cron.stop();
        runner.close();
      }
    },
  };
}
