import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Config } from "../config/config.ts";
import type { Clock } from "../time/clock.ts";
import type { WebhookSender } from "./delivery.ts";

/** The webhook sender of one process (the job's, and the admin's "send test event"). */
export const webhookSender = (config: Pick<Config, "allowPrivateHosts">, clock: Clock): WebhookSender => ({
  clock,
  // unique per process: the lease owner that fences every write of this sender
  owner: `${hostname()}:${process.pid}:webhooks:${randomUUID().slice(0, 8)}`,
  allowPrivate: config.allowPrivateHosts,
});
