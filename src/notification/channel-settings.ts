/**
 * The owner's side of the notification channels: what the settings page may show (never a secret:
 * only whether one is saved), the validated edit, and dismissing a provider's alert. A saved secret
 * is replaced only by a new value or an explicit "forget", so an empty password box keeps it.
 */
import { eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Database, Tx } from "../db/database.ts";
import { AppError, type Problem } from "../error/app-error.ts";
import type { MessageKey } from "../i18n/i18n.ts";
import type { Clock } from "../time/clock.ts";
import { isPrivateHostName } from "../net/private-host.ts";
import { formatHHMM, parseHHMM } from "../time/format.ts";
import { parseSmtpUrl, smtpUrlOf } from "./channels/smtp-address.ts";
import { OUTBOX_CHANNELS, notificationSettings, type Channel, type ChannelAlert } from "./schema.ts";
import { notificationMessages } from "./messages.ts";
import { readSettings, type NotificationSettings } from "./settings.ts";
import type { WhatsAppColumn } from "./whatsapp-settings.ts";

export interface ChannelSettingsView {
  /** The override's address without its password; null: the installation's SMTP_URL is used. */
  smtpUrl: string | null;
  smtpPasswordSaved: boolean;
  smtpFrom: string | null;
  smsApiIdSaved: boolean;
  smsSender: string | null;
  telegramTokenSaved: boolean;
  /** The bot's username as getMe told it when the token was saved (src/telegram/setup.ts). */
  telegramUsername: string | null;
  quietStart: string;
  quietEnd: string;
  alerts: Partial<Record<Channel, ChannelAlert>>;
}

/** The form as typed. An empty secret keeps the saved one; `forget…` deletes it. The bot token is
 * saved apart, by src/telegram/setup.ts, which asks Telegram about it first. */
export interface ChannelSettingsEdit {
  smtpUrl: string;
  smtpPassword: string;
  forgetSmtpPassword: boolean;
  smtpFrom: string;
  smsApiId: string;
  forgetSmsApiId: boolean;
  smsSender: string;
  quietStart: string;
  quietEnd: string;
}

export interface ChannelSettingsDeps {
  db: Database;
  clock: Clock;
  /** ZAPIS_ALLOW_PRIVATE_HOSTS: the salon's SMTP server may be on a loopback or private address. */
  allowPrivateHosts: boolean;
}

// issue 16: WhatsApp is set through the API (whatsapp-settings.ts), Telegram through its own page, not this form
type Row = Omit<NotificationSettings, "id" | `telegram${string}` | "linkSecret" | "channelAlerts" | WhatsAppColumn>;

const SECRET_MAX = 200;
// The providers' documented shapes. A token only ever travels to the operator's fixed provider
// host (PROVIDER_ENDPOINTS), in a form field or as the Bot API's path segment.
const API_ID = /^[A-Za-z0-9-]{16,64}$/;
const SENDER = /^[A-Za-z0-9][A-Za-z0-9 .-]{1,10}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const FROM_WITH_NAME = /^(.{1,100}?)\s*<([^<>]+)>$/;

// Which channel each column configures: a change clears that channel's alert, which was about the
// old configuration (the next send raises it again if the problem remains).
const CHANNEL_OF: Record<keyof Row, Channel | null> = {
  smtpUrl: "email",
  smtpFrom: "email",
  smsruApiId: "sms",
  smsSender: "sms",
  quietStartMinutes: null,
  quietEndMinutes: null,
};
const SECRET_COLUMNS: ReadonlySet<keyof Row> = new Set(["smsruApiId"]);

export async function channelSettingsView(db: Database): Promise<ChannelSettingsView> {
  const s = await readSettings(db.orm);
  return {
    smtpUrl: s.smtpUrl ? withoutPassword(s.smtpUrl) : null,
    smtpPasswordSaved: Boolean(s.smtpUrl && parseSmtpUrl(s.smtpUrl)?.password),
    smtpFrom: s.smtpFrom,
    smsApiIdSaved: Boolean(s.smsruApiId),
    smsSender: s.smsSender,
    telegramTokenSaved: Boolean(s.telegramBotToken),
    telegramUsername: s.telegramBotUsername,
    quietStart: formatHHMM(s.quietStartMinutes),
    quietEnd: formatHHMM(s.quietEndMinutes),
    alerts: s.channelAlerts,
  };
}

/** Validates every field (all problems at once), then saves the changed ones in one audited write. */
export async function updateChannelSettings(deps: ChannelSettingsDeps, actor: Actor, edit: ChannelSettingsEdit): Promise<void> {
  const current = await readSettings(deps.db.orm);
  const problems: Problem[] = [];
  const fail = (field: string, key: MessageKey, params?: Record<string, number>) => problems.push({ field, key, ...(params ? { params } : {}) });
  for (const [field, value] of [["smtp_password", edit.smtpPassword], ["sms_api_id", edit.smsApiId]] as const) {
    if (value.length > SECRET_MAX || /[\r\n]/.test(value)) fail(field, "channels.secret_invalid", { max: SECRET_MAX });
  }
  const smtpUrl = edit.smtpUrl === "" ? null : smtpAddress(edit.smtpUrl, edit.smtpPassword, edit.forgetSmtpPassword, current.smtpUrl);
  if (smtpUrl === undefined) fail("smtp_url", "channels.smtp_url_invalid");
  // the address as typed; the mailer checks what the name resolves to before every send
  else if (smtpUrl !== null && !deps.allowPrivateHosts && isPrivateHostName(parseSmtpUrl(smtpUrl)!.host)) fail("smtp_url", "channels.smtp_host_private");
  if (edit.smtpFrom !== "" && !validFrom(edit.smtpFrom)) fail("smtp_from", "channels.smtp_from_invalid");
  if (edit.smsApiId !== "" && !API_ID.test(edit.smsApiId)) fail("sms_api_id", "channels.api_id_invalid");
  if (edit.smsSender !== "" && !SENDER.test(edit.smsSender)) fail("sms_sender", "channels.sender_invalid");
  const [quietStart, quietEnd] = [parseHHMM(edit.quietStart), parseHHMM(edit.quietEnd)];
  if (quietStart === null || quietStart >= 1440) fail("quiet_start", "channels.quiet_invalid");
  if (quietEnd === null || quietEnd >= 1440) fail("quiet_end", "channels.quiet_invalid");
  if (problems.length > 0) throw new AppError("VALIDATION_ERROR", problems);

  const next: Row = {
    smtpUrl: smtpUrl ?? null,
    smtpFrom: edit.smtpFrom || null,
    smsruApiId: edit.forgetSmsApiId ? null : edit.smsApiId || current.smsruApiId,
    smsSender: edit.smsSender || null,
    quietStartMinutes: quietStart!,
    quietEndMinutes: quietEnd!,
  };
  const changed = (Object.keys(next) as (keyof Row)[]).filter((k) => next[k] !== current[k]);
  if (changed.length === 0) return;
  const alerts = { ...current.channelAlerts };
  for (const k of changed) if (CHANNEL_OF[k]) delete alerts[CHANNEL_OF[k]];
  await deps.db.write(async (tx) => {
    await tx.update(notificationSettings).set({ ...next, channelAlerts: alerts }).where(eq(notificationSettings.id, 1));
    // Only names and non-secret values: a secret (or a URL that may hold one) is logged as changed.
    const details: Record<string, unknown> = { changed: changed.map(columnName) };
    if (changed.includes("quietStartMinutes") || changed.includes("quietEndMinutes")) details.quiet_hours = `${edit.quietStart}–${edit.quietEnd}`;
    const plain = changed.filter((k) => !SECRET_COLUMNS.has(k) && k !== "smtpUrl" && !k.startsWith("quiet"));
    for (const k of plain) details[columnName(k)] = next[k];
    await audit(tx, deps.clock, actor, "notification_settings.update", details);
  });
}

/** Hides a provider's alert until a delivery raises it again. */
export async function dismissChannelAlert(deps: ChannelSettingsDeps, actor: Actor, channel: string): Promise<void> {
  const current = await readSettings(deps.db.orm);
  const known = OUTBOX_CHANNELS.find((c) => c === channel);
  const alert = known ? current.channelAlerts[known] : undefined;
  if (!known || !alert) return;
  await deps.db.write(async (tx) => {
    // Read again inside the write: a delivery may have changed the alerts since.
    const { channelAlerts } = await readSettings(tx);
    const { [known]: _gone, ...rest } = channelAlerts;
    await tx.update(notificationSettings).set({ channelAlerts: rest }).where(eq(notificationSettings.id, 1));
    await audit(tx, deps.clock, actor, "notification_alert.dismiss", { channel: known, alert: alert.key });
  });
}

/** Sets (or with null, clears) one channel's alert; `only` limits clearing to alerts of those keys. */
export async function setChannelAlert(db: Database, channel: Channel, alert: ChannelAlert | null, only?: ReadonlySet<string>): Promise<void> {
  await db.write(async (tx) => {
    const { channelAlerts } = await readSettings(tx);
    const current = channelAlerts[channel];
    if (alert === null && (!current || (only && !only.has(current.key)))) return;
    const next = { ...channelAlerts };
    if (alert === null) delete next[channel];
    else next[channel] = alert;
    await tx.update(notificationSettings).set({ channelAlerts: next }).where(eq(notificationSettings.id, 1));
  });
}

/**
 * The SMTP URL to store, rebuilt from its parts (so nothing but a server and a login is kept), with
 * the password placed in it: a typed password wins, then one written inside the URL, then the saved
 * one — but only for the same login on the same server, so an old password never travels to a new
 * host. Undefined: not a plain smtp:// or smtps:// address (a query, a path, another scheme).
 */
function smtpAddress(typed: string, password: string, forget: boolean, saved: string | null): string | undefined {
  const server = parseSmtpUrl(typed);
  if (!server) return undefined;
  if (password) server.password = password;
  else if (forget) server.password = null;
  else if (!server.password && saved) {
    const old = parseSmtpUrl(saved);
    if (old && old.host === server.host && old.port === server.port && old.user === server.user) server.password = old.password;
  }
  return smtpUrlOf(server);
}

/** An SMTP address fit to show: its password removed (from a mistyped one, everything before "@"). */
export function withoutPassword(typed: string): string {
  const url = URL.parse(typed);
  if (url?.host) {
    url.password = "";
    return url.toString();
  }
  return typed.includes("@") ? typed.slice(typed.lastIndexOf("@") + 1) : typed;
}

function validFrom(value: string): boolean {
  if (value.length > 200) return false;
  const named = FROM_WITH_NAME.exec(value);
  return EMAIL.test(named ? named[2]! : value);
}

const columnName = (k: keyof Row): string =>
  ({ smtpUrl: "smtp_url", smtpFrom: "smtp_from", smsruApiId: "sms_api_id", smsSender: "sms_sender", quietStartMinutes: "quiet_start", quietEndMinutes: "quiet_end" })[k];

function audit(tx: Tx, clock: Clock, actor: Actor, action: string, details: Record<string, unknown>): Promise<void> {
  return recordAudit(tx, { at: clock.now(), actor: actor.label, userId: actor.userId, action, entity: "notification_settings", details });
}

/** One alert as a page shows it: the channel and a message of the notification catalog. */
export interface AlertNote {
  channel: Channel;
  message: Problem;
  at: number;
}

const ALERT_KEYS: ReadonlySet<string> = new Set(Object.keys(notificationMessages.en).filter((k) => k.startsWith("notification.alert.")));

/** Open alerts, in channel order; a key this version does not know (written by another) is skipped. */
export function alertNotes(alerts: Partial<Record<Channel, ChannelAlert>>): AlertNote[] {
  return OUTBOX_CHANNELS.flatMap((channel) => {
    const a = alerts[channel];
    return a && ALERT_KEYS.has(a.key) ? [{ channel, message: { key: a.key as MessageKey, params: a.params }, at: a.at }] : [];
  });
}
