/**
 * Drains one tenant's outbox: claims due rows with a lease (lease.ts), renders each in the salon's
 * wording, hands it to its channel, and records what happened. Exactly-once rules live in
 * lease.ts; this file decides, per row, whether to send, wait, fall back or give up.
 */
import { and, eq, like, or } from "drizzle-orm";
import { clients } from "../client/schema.ts";
import type { Database } from "../db/database.ts";
import { notificationsFailed, notificationsSent } from "../metrics/metrics.ts";
import type { Clock } from "../time/clock.ts";
import type { Mailer, SmtpAccount } from "./channels/email.ts";
import type { AdminAlert, OutgoingMessage, SendOutcome } from "./channels/outcome.ts";
import { sendSms } from "./channels/smsru.ts";
import { sendTelegram } from "./channels/telegram.ts";
import { sendWhatsApp } from "./channels/whatsapp.ts";
import { sendPush } from "./channels/push.ts";
import { forgetSubscription, subscriptionsOf } from "../push/subscriptions.ts";
import { vapidKeys, vapidSubject } from "../push/vapid.ts";
import { loadFacts, type Facts } from "./compose.ts";
import { backoffMs, claimDue, markStarted, MAX_ATTEMPTS, settle, type NotificationRow } from "./lease.ts";
import { buildMessage, type MessageDeps } from "./message.ts";
import { BEFORE_VISIT, chooseChannel } from "./model.ts";
import { insertOrRevive } from "./outbox.ts";
import { quietPeriod } from "./quiet-hours.ts";
import { addressOptedOut } from "./subscription.ts";
import { messageId } from "./message-id.ts";
import { notifications, notificationSettings, type Channel, type DirectMessage } from "./schema.ts";
import { configuredChannels, quietHoursOf, readSettings, type NotificationSettings } from "./settings.ts";

export interface DeliveryDeps extends MessageDeps {
  clock: Clock;
  /** This sender's name in lease_owner: unique per process. */
  owner: string;
  /** The global SMTP (SMTP_URL / SMTP_FROM); a salon's own settings override it. */
  smtp: { url: string | null; from: string | null };
  endpoints: { smsRu: string; telegram: string; whatsapp: string };
  /** issue 16: ZAPIS_ALLOW_PRIVATE_HOSTS, which lets a push go to a loopback push service (tests). */
  allowPrivateHosts: boolean;
  mailer: Mailer;
}

export interface TenantRef {
  slug: string;
  db: Database;
}

export type RowResult = "sent" | "retried" | "failed" | "voided" | "deferred" | "lost";
export type DeliveryReport = Record<RowResult, number>;

const BATCH = 25;
// Rows of one tenant in flight at once. Providers answer in tens to hundreds of milliseconds (on
// loopback SMTP: ~100 ms a message one by one, ~1 ms five at a time), so a tenant sends in parallel.
export const SENDS_AT_ONCE = 5;

/** Sends everything due in one tenant, batch after batch, up to `maxRows` rows. */
export async function deliverDue(deps: DeliveryDeps, tenant: TenantRef, maxRows = 1_000): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, voided: 0, deferred: 0, lost: 0 };
  let handled = 0;
  while (handled < maxRows) {
    const rows = await claimDue(tenant.db, deps.owner, deps.clock.now(), Math.min(BATCH, maxRows - handled));
    if (rows.length === 0) break;
    const settings = await readSettings(tenant.db.orm);
    let next = 0;
    const worker = async () => {
      while (next < rows.length) report[await deliverRow(deps, tenant, settings, rows[next++]!)]++;
    };
    await Promise.all(Array.from({ length: Math.min(SENDS_AT_ONCE, rows.length) }, worker));
    handled += rows.length;
  }
  return report;
}

async function deliverRow(deps: DeliveryDeps, tenant: TenantRef, settings: NotificationSettings, row: NotificationRow): Promise<RowResult> {
  const { db } = tenant;
  const now = deps.clock.now();
  const done = async (status: "void" | "failed", error: string): Promise<RowResult> => {
    await settle(db, row.id, deps.owner, now, { status, error });
    return status === "void" ? "voided" : "failed";
  };
  if (row.payload.direct) return deliverDirect(deps, tenant, settings, row, row.payload.direct);
  const facts = row.bookingId === null ? null : await loadFacts(db.orm, row.bookingId, row.payload.manageUrl ?? `${deps.publicUrl}/${tenant.slug}`);
  if (!facts) return done("void", "the booking or its client no longer exists");
  if (facts.bookingStatus === "cancelled" && row.event !== "cancelled") return done("void", "the booking was cancelled");
  if (BEFORE_VISIT.has(row.event) && now >= facts.startTs) return done("void", "the visit has already started");
  const to = addressOf(facts, row.channel);
  if (!to || (await addressOptedOut(db.orm, row.channel, to))) {
    await queueFallback(deps, db, settings, row, facts);
    return done("void", `the client has no ${row.channel} address or opted out of it`);
  }
  if (row.channel === "sms") {
    const quiet = quietPeriod(now, facts.zone, quietHoursOf(settings));
    if (quiet && BEFORE_VISIT.has(row.event) && quiet.end >= facts.startTs) return done("void", "quiet hours last until the visit");
    if (quiet) {
      await settle(db, row.id, deps.owner, now, { status: "pending", dueAt: quiet.end, error: null });
      return "deferred";
    }
  }
  const message = await buildMessage(deps, tenant, settings, row, facts, to);
  return sendAndRecord(deps, tenant, settings, row, facts, message);
}

/** issue 15: a message written whole by its sender, to the one address it names; no fallback channel. */
async function deliverDirect(deps: DeliveryDeps, tenant: TenantRef, settings: NotificationSettings, row: NotificationRow, direct: DirectMessage): Promise<RowResult> {
  const id = messageId(settings, row.id, tenant.slug, new URL(deps.publicUrl).hostname);
  const result = await sendAndRecord(deps, tenant, settings, row, null, { id, to: direct.to, subject: direct.subject, text: direct.text });
  // a one-time code is a secret: once it will not be sent again, the row forgets it (exports, backups)
  if (row.event === "client_code" && result !== "retried" && result !== "lost") {
    await tenant.db.write((tx) => tx.update(notifications).set({ payload: { direct: { ...direct, text: "" } } }).where(eq(notifications.id, row.id)));
  }
  return result;
}

async function sendAndRecord(deps: DeliveryDeps, tenant: TenantRef, settings: NotificationSettings, row: NotificationRow, facts: Facts | null, message: OutgoingMessage): Promise<RowResult> {
  const { db } = tenant;
  const smtp = smtpAccount(deps, settings);
  if (row.channel === "email" && !smtp) {
    await raiseAlert(db, settings, "email", { key: "notification.alert.email_unconfigured" }, deps.clock.now());
    await settle(db, row.id, deps.owner, deps.clock.now(), { status: "failed", error: "no SMTP server is configured (SMTP_URL or the salon's settings)" });
    return "failed";
  }
  if (!(await markStarted(db, row.id, deps.owner, deps.clock.now()))) return "lost";
  const outcome = await send(deps, tenant, settings, row, facts, message, smtp);
  if (outcome.alert) await raiseAlert(db, settings, row.channel, outcome.alert, deps.clock.now());
  const result = await record(deps, tenant, settings, row, facts, outcome);
  if (result === "sent") notificationsSent.inc({ channel: row.channel });
  else notificationsFailed.inc({ channel: row.channel });
  return result;
}

async function record(
  deps: DeliveryDeps,
  tenant: TenantRef,
  settings: NotificationSettings,
  row: NotificationRow,
  facts: Facts | null,
  outcome: SendOutcome,
): Promise<RowResult> {
  const now = deps.clock.now();
  const attempts = row.attempts + 1;
  switch (outcome.kind) {
    case "sent":
      await settle(tenant.db, row.id, deps.owner, now, { status: "sent", providerMessageId: outcome.providerMessageId });
      return "sent";
    case "retry":
      if (attempts < MAX_ATTEMPTS) {
        await settle(tenant.db, row.id, deps.owner, now, { status: "pending", dueAt: now + (outcome.retryAfterMs ?? backoffMs(attempts)), error: outcome.error });
        return "retried";
      }
      await settle(tenant.db, row.id, deps.owner, now, { status: "failed", error: `gave up after ${attempts} attempts: ${outcome.error}` });
      return "failed";
    case "failed":
      await settle(tenant.db, row.id, deps.owner, now, { status: "failed", error: outcome.error });
      if (outcome.recipient && facts) await queueFallback(deps, tenant.db, settings, row, facts);
      return "failed";
    case "unknown":
      await settle(tenant.db, row.id, deps.owner, now, { status: "failed", error: outcome.error });
      return "failed";
  }
}

function send(
  deps: DeliveryDeps,
  tenant: TenantRef,
  settings: NotificationSettings,
  row: NotificationRow,
  facts: Facts | null,
  message: OutgoingMessage,
  smtp: SmtpAccount | null,
): Promise<SendOutcome> {
  const { channel } = row;
  if (channel === "email") return deps.mailer.send(smtp!, message);
  // issue 16; a message written whole by its sender (issue 15) has no template to go in
  if (channel === "whatsapp") return facts ? sendWhatsAppRow(deps, settings, row, facts, message.to) : Promise.resolve({ kind: "failed", error: "whatsapp: only template messages", recipient: false });
  // a push opens its visit: a message without one (issue 15's codes go by the channel they name) is not sent
  if (channel === "push") return facts ? sendPushRow(deps, tenant, facts, message.text) : Promise.resolve({ kind: "failed", error: "push: only messages about a visit", recipient: false });
  if (channel === "sms") return sendSms(deps.endpoints.smsRu, { apiId: settings.smsruApiId ?? "", sender: settings.smsSender }, message.to, message.text);
  return sendTelegram(deps.endpoints.telegram, settings.telegramBotToken ?? "", message.to, message.text);
}

function addressOf(facts: Facts, channel: Channel): string | null {
  const c = facts.client;
  if (c.optOut.includes("all") || c.optOut.includes(channel)) return null;
  // a push goes to the client's browsers, which the client id names
  if (channel === "push") return c.pushSubscribed ? `client:${c.id}` : null;
  return channel === "email" ? c.email : channel === "sms" || channel === "whatsapp" ? c.phone : c.telegramChatId;
}

/** issue 16: the row's text as a push to each of the client's browsers, opening the visit's page. */
async function sendPushRow(deps: DeliveryDeps, tenant: TenantRef, facts: Facts, text: string): Promise<SendOutcome> {
  const [targets, keys] = await Promise.all([subscriptionsOf(tenant.db, facts.client.id), vapidKeys(tenant.db.orm)]);
  const message = { title: facts.values.salon, body: text, url: facts.values.manage_url };
  return sendPush(targets, message, { ...keys, subject: vapidSubject(deps.publicUrl) }, {
    allowPrivateHosts: deps.allowPrivateHosts,
    forget: (id) => forgetSubscription(tenant.db, id),
  });
}

/**
 * issue 16: a WhatsApp row as the salon's approved template: the confirmation template for a new
 * or moved visit, the reminder template for a reminder. An event without one (a cancellation, a
 * review request) cannot go over WhatsApp, so it falls back to the client's next channel.
 */
function sendWhatsAppRow(deps: DeliveryDeps, settings: NotificationSettings, row: NotificationRow, facts: Facts, to: string): Promise<SendOutcome> {
  const name = row.event === "reminder" ? settings.whatsappReminderTemplate : WHATSAPP_CONFIRMS.has(row.event) ? settings.whatsappConfirmationTemplate : null;
  if (!name) return Promise.resolve({ kind: "failed", error: `whatsapp: the salon has no template for "${row.event}"`, recipient: true });
  const v = facts.values;
  const account = { phoneNumberId: settings.whatsappPhoneNumberId ?? "", token: settings.whatsappToken ?? "", language: settings.whatsappLanguage ?? "" };
  return sendWhatsApp(deps.endpoints.whatsapp, account, to, { name, parameters: [v.client_name, v.salon, v.start_local, v.service, v.manage_url] });
}

const WHATSAPP_CONFIRMS: ReadonlySet<string> = new Set(["created", "confirmed", "rescheduled"]);

function smtpAccount(deps: DeliveryDeps, settings: NotificationSettings): SmtpAccount | null {
  const url = settings.smtpUrl ?? deps.smtp.url;
  if (!url) return null;
  return { url, salon: settings.smtpUrl !== null, from: settings.smtpFrom ?? deps.smtp.from ?? `no-reply@${new URL(deps.publicUrl).hostname}` };
}

/**
 * The client could not be reached on this row's channel: queue the same notification on the next
 * channel that has not been tried. Its key is the original key + ">channel", so it is queued once.
 * A Telegram chat that blocked the bot is unlinked, so later notifications skip it.
 */
async function queueFallback(deps: DeliveryDeps, db: Database, settings: NotificationSettings, row: NotificationRow, facts: Facts): Promise<void> {
  const base = row.dedupeKey.split(">")[0]!;
  const now = deps.clock.now();
  await db.write(async (tx) => {
    if (row.channel === "telegram" && facts.client.telegramChatId) {
      await tx.update(clients).set({ telegramChatId: null, updatedAt: now }).where(and(eq(clients.id, facts.client.id), eq(clients.telegramChatId, facts.client.telegramChatId)));
    }
    const tried = await tx
      .select({ channel: notifications.channel })
      .from(notifications)
      .where(or(eq(notifications.dedupeKey, base), like(notifications.dedupeKey, `${base}>%`)));
    const next = chooseChannel(facts.client, configuredChannels(settings), [row.channel, ...tried.map((t) => t.channel)]);
    if (!next) return;
    await insertOrRevive(tx, {
      bookingId: row.bookingId,
      clientId: row.clientId,
      event: row.event,
      channel: next,
      dueAt: now,
      dedupeKey: `${base}>${next}`,
      payload: row.payload,
      createdAt: now,
    });
  });
}

/** Keeps the salon's channel alerts current; writes only when something changed. */
async function raiseAlert(db: Database, settings: NotificationSettings, channel: Channel, alert: AdminAlert | "clear", now: number): Promise<void> {
  const current = settings.channelAlerts[channel];
  if (alert === "clear" ? !current : current?.key === alert.key && JSON.stringify(current.params) === JSON.stringify(alert.params ?? {})) return;
  const next = { ...settings.channelAlerts };
  if (alert === "clear") delete next[channel];
  else next[channel] = { key: alert.key, params: alert.params ?? {}, at: now };
  settings.channelAlerts = next;
  await db.write((tx) => tx.update(notificationSettings).set({ channelAlerts: next }).where(eq(notificationSettings.id, 1)));
}
