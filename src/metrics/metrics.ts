import { MetricsRegistry } from "./registry.ts";

/**
 * The process's metrics, served at /metrics. Domain code records what happened with one call, e.g.
 * `bookingsCreated.inc({ source: "web" })` or `jobRuns.inc({ job: "notifications" })`. Labels stay
 * low-cardinality (route templates, job names, channels): never slugs, ids or phone numbers.
 */
export const metrics = new MetricsRegistry();

export const httpRequests = metrics.counter("zapis_http_requests_total", "HTTP requests by method, route template and status.");

export const httpDuration = metrics.histogram(
  "zapis_http_request_duration_seconds",
  "HTTP request latency by method and route template.",
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);

/** Label: source (web, admin, api, import). */
export const bookingsCreated = metrics.counter("zapis_bookings_created_total", "Bookings created, by source.");

/** Label: channel (email, sms, telegram). */
export const notificationsSent = metrics.counter("zapis_notifications_sent_total", "Notifications delivered to the provider, by channel.");
export const notificationsFailed = metrics.counter("zapis_notifications_failed_total", "Notification attempts that failed, by channel.");

/** Label: job (its registry name). */
export const jobRuns = metrics.counter("zapis_job_runs_total", "Scheduled job runs, by job.");
export const jobFailures = metrics.counter("zapis_job_failures_total", "Job runs that failed for at least one tenant, by job.");

export const backupFailures = metrics.counter("zapis_backup_failures_total", "Tenant backups that failed.");
