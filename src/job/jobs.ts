// The job registry: every background job of the binary, one line each. `serve` schedules them all;
// `zapis jobs run <name>` runs one once.
import { backupJob } from "../backup/job.ts";
import { notificationsJob } from "../notification/job.ts";
import { telegramJob } from "../telegram/job.ts"; // issue 16
import type { Job } from "./job.ts";
// issue 13
import { paymentsJob } from "../payment/job.ts";
// issue 18: outgoing webhooks, the scheduled YClients sync
import { webhooksJob } from "../webhook/job.ts";
import { yclientsSyncJob } from "../import/sync-job.ts";
// issue 15
import { waitlistJob } from "../waitlist/job.ts";

export const JOBS: readonly Job[] = [notificationsJob(), backupJob(), telegramJob(), paymentsJob(), webhooksJob(), yclientsSyncJob(), waitlistJob()];

export function findJob(name: string): Job | undefined {
  return JOBS.find((job) => job.name === name);
}
