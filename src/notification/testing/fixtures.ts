// Rows the notification tests need without going through the booking write path.
import { eq } from "drizzle-orm";
import { bookingServices, bookings } from "../../booking/schema.ts";
import { locations } from "../../business/schema.ts";
import { resources, services } from "../../catalogue/schema.ts";
import { clients } from "../../client/schema.ts";
import type { Database } from "../../db/database.ts";
import type { TextChannel } from "../schema.ts";
import { notificationSettings } from "../schema.ts";

export interface ClientFixture {
  name?: string;
  phone?: string | null;
  email?: string | null;
  telegramChatId?: string | null;
  preferredChannel?: TextChannel | null;
  optOut?: string[];
}

export async function addClient(db: Database, now: number, c: ClientFixture = {}): Promise<number> {
  const [row] = await db.write((tx) =>
    tx
      .insert(clients)
      .values({
        name: c.name ?? "Ирина",
        phone: c.phone === undefined ? "+79991234567" : c.phone,
        email: c.email === undefined ? "irina@example.com" : c.email,
        telegramChatId: c.telegramChatId ?? null,
        preferredChannel: c.preferredChannel ?? null,
        optOut: c.optOut ?? [],
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: clients.id }),
  );
  return row!.id;
}

/** A confirmed booking of the first demo service with the first demo master. */
export async function addBooking(db: Database, now: number, clientId: number, startTs: number): Promise<number> {
  return db.write(async (tx) => {
    const [location] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.isPrimary, true));
    const [service] = await tx.select().from(services).limit(1);
    const [staff] = await tx.select({ id: resources.id }).from(resources).where(eq(resources.kind, "staff")).limit(1);
    const endTs = startTs + service!.durationMinutes * 60_000;
    const [booking] = await tx
      .insert(bookings)
      .values({ locationId: location!.id, clientId, status: "confirmed", source: "web", startTs, endTs, currency: "RUB", createdAt: now, updatedAt: now })
      .returning({ id: bookings.id });
    await tx.insert(bookingServices).values({ bookingId: booking!.id, serviceId: service!.id, staffId: staff!.id, startTs, endTs });
    return booking!.id;
  });
}

export async function configureChannels(db: Database, settings: Partial<typeof notificationSettings.$inferInsert>): Promise<void> {
  await db.write((tx) => tx.update(notificationSettings).set(settings).where(eq(notificationSettings.id, 1)));
}
