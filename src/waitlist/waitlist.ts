/**
 * The waitlist. A client who found no suitable time leaves a request; `offerFreedTimes` (the
 * "waitlist" job, every minute) looks for a free matching time for each waiter in the order they
 * asked and sends each an offer with a claim link. Claiming holds the time (src/booking/hold.ts)
 * and books it in the waiter's name; the first claim wins, and the other waiters offered that time
 * are told it is gone and wait on. A cancel, a move or a day opened all show up the same way: as a
 * free time the next run finds.
 */
import { and, asc, eq, gte, inArray, lte, min, ne } from "drizzle-orm";
import { hashToken, newSecretToken } from "../account/api-token.ts";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import { computeAvailability, MAX_DAYS } from "../availability/availability.ts";
import { createBooking, type BookingDeps } from "../booking/booking.ts";
import { placeHold } from "../booking/hold.ts";
import type { SalonFacts } from "../business/business.ts";
import { services } from "../catalogue/schema.ts";
import { normalizePhone } from "../client/phone.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { AppError, notFound } from "../error/app-error.ts";
import { Problems } from "../error/problems.ts";
import { t } from "../i18n/i18n.ts";
import { chooseChannel } from "../notification/model.ts";
import { enqueueDirect } from "../notification/outbox.ts";
import { configuredChannels, readSettings } from "../notification/settings.ts";
import { singleLine } from "../text/single-line.ts";
import type { Clock } from "../time/clock.ts";
import { formatLocalDateTime } from "../time/format.ts";
import { addDays, instantToLocalMinutes, isValidLocalDate, localDateOf } from "../time/zone.ts";
import { waitlist, waitlistOffers } from "./schema.ts";

/** How long an offer may be claimed (never past the offered start). */
export const OFFER_TTL_MS = 2 * 60 * 60_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Salon = SalonFacts;

export interface WaitlistRequest {
  serviceId: number;
  staffId: number | null;
  dateFrom: string;
  dateTo: string;
  /** "HH:MM" of the salon's day, or null. */
  timeFrom: string | null;
  timeTo: string | null;
  client: { name: string; phone: string; email: string | null };
  consent: boolean;
}

const minutesOf = (hhmm: string | null): number | null | "bad" => {
  if (hhmm === null || hhmm === "") return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : hhmm === "24:00" ? 1440 : "bad";
};

/** A client joins the waitlist. Nothing about a stored client changes: the contact stays on the request. */
export async function joinWaitlist(deps: { db: Database; clock: Clock }, salon: Salon, input: WaitlistRequest): Promise<number> {
  const p = new Problems();
  const today = localDateOf(deps.clock.now(), salon.timezone);
  const name = singleLine(input.client.name).slice(0, 100);
  const phone = normalizePhone(input.client.phone.slice(0, 40), salon.country);
  const email = input.client.email?.trim() || null;
  p.check(name.length > 0, "client.name", "error.field_required");
  p.check(phone !== null, "client.phone", "waitlist.phone_invalid");
  if (email) p.check(email.length <= 200 && EMAIL.test(email), "client.email", "waitlist.email_invalid");
  const datesOk = p.check(isValidLocalDate(input.dateFrom), "date_from", "waitlist.date_invalid") && p.check(isValidLocalDate(input.dateTo), "date_to", "waitlist.date_invalid");
  if (datesOk) {
    p.check(input.dateFrom <= input.dateTo && input.dateTo >= today, "date_to", "waitlist.dates_order");
    p.check(input.dateTo <= addDays(today, 365) && input.dateFrom >= addDays(input.dateTo, -(MAX_DAYS - 1)), "date_to", "waitlist.dates_span", { days: MAX_DAYS });
  }
  const from = minutesOf(input.timeFrom);
  const to = minutesOf(input.timeTo);
  p.check(from !== "bad", "time_from", "waitlist.time_invalid");
  p.check(to !== "bad", "time_to", "waitlist.time_invalid");
  if (typeof from === "number" && typeof to === "number") p.check(from < to, "time_to", "waitlist.time_order");
  p.throwIfAny();
  const [service] = await deps.db.orm.select({ id: services.id }).from(services).where(and(eq(services.id, input.serviceId), eq(services.active, true), eq(services.bookableOnline, true)));
  if (!service) throw notFound("waitlist.service_unknown", { id: input.serviceId });
  // the question the job will ask, asked once now: a master who is not one (a room, an unknown id) is
  // refused here with the engine's own answer instead of stopping every later offer
  await computeAvailability({ reader: deps.db.orm, clock: deps.clock }, { serviceIds: [input.serviceId], staffId: input.staffId ?? "any", from: input.dateFrom, days: 1, onlineOnly: true });
  const now = deps.clock.now();
  const [row] = await deps.db.write((tx) =>
    tx
      .insert(waitlist)
      .values({
        serviceId: input.serviceId,
        staffId: input.staffId,
        dateFrom: input.dateFrom < today ? today : input.dateFrom,
        dateTo: input.dateTo,
        timeFrom: from as number | null,
        timeTo: to as number | null,
        contactName: name,
        contactPhone: phone!,
        contactEmail: email,
        consent: input.consent,
        createdAt: now,
      })
      .returning({ id: waitlist.id }),
  );
  return row!.id;
}

export interface OfferDeps {
  db: Database;
  clock: Clock;
  /** The absolute claim link of an offer. */
  claimUrl(offerId: number, token: string): string;
}

type Waiter = typeof waitlist.$inferSelect;

/** One pass over the waiting requests, oldest first: each gets an offer of the first free matching time it was not offered before. */
export async function offerFreedTimes(deps: OfferDeps, salon: Salon): Promise<number> {
  const now = deps.clock.now();
  await expireOffers(deps.db, now);
  const today = localDateOf(now, salon.timezone);
  const waiting = await deps.db.orm.select().from(waitlist).where(and(eq(waitlist.status, "waiting"), gte(waitlist.dateTo, today))).orderBy(asc(waitlist.createdAt), asc(waitlist.id));
  let offered = 0;
  for (const waiter of waiting) {
    // a request the catalogue no longer answers (its master left, its service was retired) waits
    // on; it must not stop the offers to everyone after it
    const start = await freeTimeFor(deps, salon, waiter, today).catch((error: unknown) => {
      if (error instanceof AppError) return null;
      throw error;
    });
    if (start === null) continue;
    const token = newSecretToken();
    const sent = await deps.db.write(async (tx) => {
      // a staff change or a claim since the read: this waiter is no longer waiting
      const [still] = await tx.select({ status: waitlist.status }).from(waitlist).where(eq(waitlist.id, waiter.id));
      if (still?.status !== "waiting") return false;
      const [offer] = await tx
        .insert(waitlistOffers)
        .values({ waitlistId: waiter.id, startTs: start, staffId: waiter.staffId, tokenHash: hashToken(token), createdAt: now, expiresAt: Math.min(now + OFFER_TTL_MS, start) })
        .returning({ id: waitlistOffers.id });
      await tx.update(waitlist).set({ status: "offered" }).where(eq(waitlist.id, waiter.id));
      const when = formatLocalDateTime(start, salon.timezone, salon.locale);
      await tell(tx, waiter, "waitlist_offer", `wl-offer:${offer!.id}`, now, {
        subject: t(salon.locale, "waitlist.offer.subject", { salon: salon.name }),
        text: t(salon.locale, "waitlist.offer.text", { when, salon: salon.name, url: deps.claimUrl(offer!.id, token) }),
      });
      return true;
    });
    if (sent) offered++;
  }
  return offered;
}

async function freeTimeFor(deps: OfferDeps, salon: Salon, waiter: Waiter, today: string): Promise<number | null> {
  const from = waiter.dateFrom < today ? today : waiter.dateFrom;
  const days = Math.min(MAX_DAYS, Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(waiter.dateTo)).days + 1);
  const tried = new Set(
    (await deps.db.orm.select({ start: waitlistOffers.startTs }).from(waitlistOffers).where(eq(waitlistOffers.waitlistId, waiter.id))).map((o) => o.start),
  );
  const availability = await computeAvailability({ reader: deps.db.orm, clock: deps.clock }, { serviceIds: [waiter.serviceId], staffId: waiter.staffId ?? "any", from, days, onlineOnly: true });
  for (const day of availability.days) {
    for (const slot of day.slots) {
      const minutes = instantToLocalMinutes(slot.start, salon.timezone);
      const inWindow = (waiter.timeFrom === null || minutes >= waiter.timeFrom) && (waiter.timeTo === null || minutes < waiter.timeTo);
      if (inWindow && !tried.has(slot.start)) return slot.start;
    }
  }
  return null;
}

/**
 * When `offerFreedTimes` next has work in this salon (null: none until something is written). While
 * anyone waits, a time may free up without a write (a new day enters the booking horizon), so that
 * is every run, as before; otherwise when the first open offer expires and its waiter waits again.
 * "Waiting" counts every request not yet past by the salon's own date: a day before today in UTC
 * is before it in every time zone.
 */
export async function nextOfferCheckAt(reader: Reader, now: number): Promise<number | null> {
  const [waiter] = await reader
    .select({ id: waitlist.id })
    .from(waitlist)
    .where(and(eq(waitlist.status, "waiting"), gte(waitlist.dateTo, addDays(localDateOf(now, "UTC"), -1))))
    .limit(1);
  if (waiter) return now;
  const [offer] = await reader.select({ at: min(waitlistOffers.expiresAt) }).from(waitlistOffers).where(eq(waitlistOffers.status, "open"));
  return offer?.at ?? null;
}

/** Offers nobody claimed in time: their waiters wait on for another time. */
async function expireOffers(db: Database, now: number): Promise<void> {
  await db.write(async (tx) => {
    const expired = await tx.select({ id: waitlistOffers.id, waitlistId: waitlistOffers.waitlistId }).from(waitlistOffers).where(and(eq(waitlistOffers.status, "open"), lte(waitlistOffers.expiresAt, now)));
    if (expired.length === 0) return;
    await tx.update(waitlistOffers).set({ status: "expired" }).where(inArray(waitlistOffers.id, expired.map((o) => o.id)));
    await tx.update(waitlist).set({ status: "waiting" }).where(and(inArray(waitlist.id, expired.map((o) => o.waitlistId)), eq(waitlist.status, "offered")));
  });
}

/** A message to the waiter by SMS to their phone, else to the e-mail they gave. */
async function tell(tx: Tx, waiter: Waiter, event: "waitlist_offer" | "waitlist_gone", key: string, now: number, message: { subject: string; text: string }): Promise<void> {
  const settings = await readSettings(tx);
  const reach = { preferredChannel: null, telegramChatId: null, phone: waiter.contactPhone, email: waiter.contactEmail, pushSubscribed: false, optOut: [] };
  // a free-text offer: not WhatsApp (templates only) nor a push (the waiter subscribed no browser)
  const channel = chooseChannel(reach, { ...configuredChannels(settings), telegram: false }, ["whatsapp", "push"]);
  if (!channel) return;
  const to = channel === "sms" ? waiter.contactPhone : waiter.contactEmail!;
  await enqueueDirect(tx, { event, channel, message: { to, ...message }, dedupeKey: key, clientId: null, now });
}

/** The open offer a claim link names, with its request; OFFER_GONE when used, gone or expired; 404 for a wrong link. */
export async function openOffer(db: Database, offerId: number, token: string, now: number) {
  const [row] = Number.isSafeInteger(offerId)
    ? await db.orm.select({ offer: waitlistOffers, waiter: waitlist }).from(waitlistOffers).innerJoin(waitlist, eq(waitlist.id, waitlistOffers.waitlistId)).where(eq(waitlistOffers.id, offerId))
    : [];
  if (!row || row.offer.tokenHash !== hashToken(token)) throw notFound();
  if (row.offer.status !== "open" || row.offer.expiresAt <= now) throw new AppError("OFFER_GONE", [{ key: "waitlist.offer_gone" }]);
  return row;
}

/**
 * The waiter claims the offered time: a hold first (so nobody takes it while the booking is
 * written), then the booking in their name through the usual write path. The first claim wins;
 * a second claim of the same link, or a claim after the time went to someone else, is OFFER_GONE.
 */
export async function claimOffer(deps: BookingDeps, salon: Salon, input: { offerId: number; token: string; address: string | null }): Promise<{ id: number; manageToken: string }> {
  const now = deps.clock.now();
  const { offer, waiter } = await openOffer(deps.db, input.offerId, input.token, now);
  const visit = { serviceIds: [waiter.serviceId], staffId: offer.staffId ?? ("any" as const), start: offer.startTs };
  let hold;
  try {
    hold = await placeHold(deps, { ...visit, token: null, address: input.address });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // the time went to someone else — unless this link was claimed meanwhile (a second click): then
    // the first claim stands and the waiter stays as it left them
    await deps.db.write(async (tx) => {
      const gone = await tx.update(waitlistOffers).set({ status: "gone" }).where(and(eq(waitlistOffers.id, offer.id), eq(waitlistOffers.status, "open"))).returning({ id: waitlistOffers.id });
      if (gone.length === 1) await tx.update(waitlist).set({ status: "waiting" }).where(and(eq(waitlist.id, waiter.id), eq(waitlist.status, "offered")));
    });
    throw new AppError("OFFER_GONE", [{ key: "waitlist.offer_gone" }]);
  }
  // the claim itself, once: a concurrent second claim of this link finds it claimed
  const claimed = await deps.db.write(async (tx) => {
    const done = await tx.update(waitlistOffers).set({ status: "claimed", claimedAt: now }).where(and(eq(waitlistOffers.id, offer.id), eq(waitlistOffers.status, "open"))).returning({ id: waitlistOffers.id });
    return done.length === 1;
  });
  if (!claimed) throw new AppError("OFFER_GONE", [{ key: "waitlist.offer_gone" }]);
  const booking = await createBooking(deps, {
    ...visit,
    client: { contact: { name: waiter.contactName, phone: waiter.contactPhone, email: waiter.contactEmail } },
    notes: null,
    consent: waiter.consent,
    source: "web",
    idempotencyKey: null,
    holdToken: hold.token,
    createdBy: null,
    byStaff: false,
  });
  await deps.db.write(async (tx) => {
    await tx.update(waitlist).set({ status: "booked", bookingId: booking.id }).where(eq(waitlist.id, waiter.id));
    // everyone else offered this start: it is gone, and they wait on
    const others = await tx
      .select({ offer: waitlistOffers, waiter: waitlist })
      .from(waitlistOffers)
      .innerJoin(waitlist, eq(waitlist.id, waitlistOffers.waitlistId))
      .where(and(eq(waitlistOffers.status, "open"), eq(waitlistOffers.startTs, offer.startTs), ne(waitlistOffers.id, offer.id)));
    for (const other of others) {
      await tx.update(waitlistOffers).set({ status: "gone" }).where(eq(waitlistOffers.id, other.offer.id));
      await tx.update(waitlist).set({ status: "waiting" }).where(eq(waitlist.id, other.waiter.id));
      const when = formatLocalDateTime(offer.startTs, salon.timezone, salon.locale);
      await tell(tx, other.waiter, "waitlist_gone", `wl-gone:${other.offer.id}`, now, {
        subject: t(salon.locale, "waitlist.gone.subject", { salon: salon.name }),
        text: t(salon.locale, "waitlist.gone.text", { when, salon: salon.name }),
      });
    }
  });
  return { id: booking.id, manageToken: booking.manageToken };
}

/** Staff take a request off the list (audited). */
export async function cancelWaitlistRequest(deps: { db: Database; clock: Clock }, actor: Actor, id: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const done = await tx.update(waitlist).set({ status: "cancelled" }).where(and(eq(waitlist.id, id), ne(waitlist.status, "booked"))).returning({ id: waitlist.id });
    if (done.length === 0) throw notFound("waitlist.not_found", { id });
    await tx.update(waitlistOffers).set({ status: "gone" }).where(and(eq(waitlistOffers.waitlistId, id), eq(waitlistOffers.status, "open")));
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "waitlist.cancel", entity: "waitlist", entityId: id });
  });
}
