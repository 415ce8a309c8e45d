// The job registry: every background job of the binary, one line each. `serve` schedules them all;
// `zapis jobs run <name>` runs one once.
import { backupJob } from "../backup/job.ts";
import { notificationsJob } from "../notification/job.ts";
import type { Job } from "./job.ts";
// issue 15
import { waitlistJob } from "../waitlist/job.ts";

export const JOBS: readonly Job[] = [notificationsJob(), backupJob(), waitlistJob()];

export function findJob(name: string): Job | undefined {
  return JOBS.find((job) => job.name === name);
}
