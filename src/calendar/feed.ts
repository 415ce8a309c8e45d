/**
 * A master's calendar subscription: `/<slug>/calendar/staff/<id>.ics?t=<token>` lists that master's
 * recent and upcoming visits, so Google or Apple Calendar shows their day. The token is random, shown
 * once when an owner or manager issues it, stored only as its SHA-256, checked in constant time, and
 * revoked by deleting it (issuing again replaces it). The feed names the client by first name only:
 * a calendar app syncs it to servers the salon does not control, so no phone or e-mail goes there.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import type { Actor } from "../account/permissions.ts";
import { listBookings } from "../booking/queries.ts";
import { business } from "../business/schema.ts";
import { resources } from "../catalogue/schema.ts";
import type { Database, Reader } from "../db/database.ts";
import { notFound } from "../error/app-error.ts";
import { calendarIcs, type CalendarEvent } from "../booking/ics.ts";
import type { Clock } from "../time/clock.ts";
import { staffCalendarFeeds } from "./schema.ts";

const DAY_MS = 86_400_000;
/** What the feed covers: the last two weeks (what was done) and a year ahead. */
const PAST_MS = 14 * DAY_MS;
const AHEAD_MS = 366 * DAY_MS;
/** How often a subscribed app is asked to fetch again (apps may poll less often: Google does). */
const REFRESH_MINUTES = 15;
/** A busy master has a few thousand visits in that span; the feed stops there rather than growing without end. */
const MAX_EVENTS = 5000;

export interface FeedDeps {
  db: Database;
  clock: Clock;
}

const hash = (token: string) => createHash("sha256").update(token).digest();

/** Issues (or re-issues, replacing the old link) a master's feed token; the plain token is returned once. */
export async function issueStaffFeed(deps: FeedDeps, actor: Actor, staffId: number): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const [master] = await tx.select({ id: resources.id }).from(resources).where(and(eq(resources.id, staffId), eq(resources.kind, "staff")));
    if (!master) throw notFound("staff.not_found", { id: staffId });
    const row = { staffId, tokenHash: hash(token).toString("hex"), createdAt: now };
    await tx.insert(staffCalendarFeeds).values(row).onConflictDoUpdate({ target: staffCalendarFeeds.staffId, set: row });
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "staff.calendar_feed.issue", entity: "staff", entityId: staffId });
  });
  return token;
}

/** Revokes a master's feed: the old link answers 404 from now on. */
export async function revokeStaffFeed(deps: FeedDeps, actor: Actor, staffId: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const gone = await tx.delete(staffCalendarFeeds).where(eq(staffCalendarFeeds.staffId, staffId)).returning({ id: staffCalendarFeeds.staffId });
    if (gone.length > 0) await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "staff.calendar_feed.revoke", entity: "staff", entityId: staffId });
  });
}

/** Which masters have a live feed (the admin page shows "issued" and offers revoke). */
export async function staffWithFeeds(db: Reader): Promise<Set<number>> {
  const rows = await db.select({ id: staffCalendarFeeds.staffId }).from(staffCalendarFeeds);
  return new Set(rows.map((r) => r.id));
}

/** Whether `token` opens master `staffId`'s feed. Compares hashes in constant time. */
async function tokenOpens(db: Reader, staffId: number, token: string): Promise<boolean> {
  const [row] = await db.select({ tokenHash: staffCalendarFeeds.tokenHash }).from(staffCalendarFeeds).where(eq(staffCalendarFeeds.staffId, staffId));
  if (!row || token === "") return false;
  return timingSafeEqual(Buffer.from(row.tokenHash, "hex"), hash(token));
}

/** The feed as iCalendar, or NOT_FOUND for a wrong or revoked token (never saying which). */
export async function staffFeed(deps: FeedDeps, input: { slug: string; salonUrl: string; staffId: number; token: string }): Promise<string> {
  const db = deps.db.orm;
  if (!(await tokenOpens(db, input.staffId, input.token))) throw notFound();
  const now = deps.clock.now();
  const [[master], [salon]] = await Promise.all([
    db.select({ name: resources.name }).from(resources).where(eq(resources.id, input.staffId)),
    db.select({ name: business.name }).from(business),
  ]);
  // the bookings query filters by visit start; the master's own parts give the event's times
  const { data } = await listBookings(db, { from: now - PAST_MS, to: now + AHEAD_MS, staffId: input.staffId, status: null, limit: MAX_EVENTS, offset: 0 });
  const events = data
    // a cancelled visit leaves the feed: a subscribed calendar drops events the feed no longer has
    .filter((visit) => visit.status !== "cancelled")
    .map((visit): CalendarEvent => {
      const mine = visit.services.filter((p) => p.staffId === input.staffId);
      const what = [...new Set(mine.map((p) => p.title))].join(", ");
      const who = firstName(visit.contactName ?? visit.client?.name ?? "");
      return {
        uid: `booking-${visit.id}.staff-${input.staffId}@${input.slug}.zapis`,
        stamp: visit.updatedAt,
        sequence: visit.sequence,
        cancelled: false,
        start: Math.min(...mine.map((p) => p.startTs)),
        end: Math.max(...mine.map((p) => p.endTs)),
        summary: who ? `${who} — ${what}` : what,
        location: visit.address,
        description: what,
        url: input.salonUrl,
      };
    });
  return calendarIcs(events, { method: "PUBLISH", name: `${master?.name ?? ""} — ${salon?.name ?? ""}`, refreshMinutes: REFRESH_MINUTES });
}

/** "Ирина Петрова" → "Ирина": enough for a master to know who comes, and nothing more. */
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? "";
