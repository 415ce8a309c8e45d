import type { Tx } from "../db/database.ts";
import { resources, serviceCategories, serviceRequirements, requirementResources, services, staffServices } from "../catalogue/schema.ts";
import { schedules } from "../schedule/schema.ts";

type Range = [start: string, end: string];
interface DemoMaster {
  name: string;
  position: string;
  /** weekday 1..7 → working ranges; a gap between ranges is the lunch break */
  week: Record<number, Range[]>;
  services: string[];
}

// A realistic small salon: three masters with breaks, eight services in four categories, one room.
const CATEGORIES = ["Стрижки", "Окрашивание", "Ногтевой сервис", "Уход"];
const SERVICES = [
  { title: "Женская стрижка", category: 0, minutes: 60, price: 2500, bufferAfter: 10 },
  { title: "Мужская стрижка", category: 0, minutes: 45, price: 1500, bufferAfter: 5 },
  { title: "Детская стрижка", category: 0, minutes: 30, price: 900, bufferAfter: 5 },
  { title: "Окрашивание в один тон", category: 1, minutes: 120, price: 4500, priceMax: 9000, bufferAfter: 15 },
  { title: "Мелирование", category: 1, minutes: 150, price: 6000, priceMax: 12000, bufferAfter: 15 },
  { title: "Маникюр с покрытием", category: 2, minutes: 90, price: 2200, bufferAfter: 10 },
  { title: "Педикюр", category: 2, minutes: 90, price: 2800, bufferAfter: 10 },
  { title: "SPA-уход для волос", category: 3, minutes: 60, price: 3000, bufferAfter: 10, needsRoom: true },
];
const weekdays = (days: number[], ranges: Range[]) => Object.fromEntries(days.map((d) => [d, ranges]));
const MASTERS: DemoMaster[] = [
  {
    name: "Анна Смирнова",
    position: "Стилист-парикмахер",
    week: weekdays([1, 2, 3, 4, 5], [["10:00", "14:00"], ["15:00", "20:00"]]),
    services: ["Женская стрижка", "Мужская стрижка", "Детская стрижка", "SPA-уход для волос"],
  },
  {
    name: "Ольга Иванова",
    position: "Колорист",
    week: weekdays([2, 3, 4, 5, 6], [["11:00", "15:00"], ["16:00", "21:00"]]),
    services: ["Женская стрижка", "Окрашивание в один тон", "Мелирование", "SPA-уход для волос"],
  },
  {
    name: "Мария Петрова",
    position: "Мастер ногтевого сервиса",
    week: weekdays([1, 3, 5, 6, 7], [["09:00", "13:00"], ["14:00", "18:00"]]),
    services: ["Маникюр с покрытием", "Педикюр"],
  },
];
const SALON_HOURS: Range = ["09:00", "21:00"];

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Fills an empty tenant with the demo salon: bookable at once. */
export async function seedDemo(tx: Tx, ctx: { locationId: number; now: number }): Promise<void> {
  const categoryIds = await Promise.all(
    CATEGORIES.map(async (name, sortOrder) => {
      const [row] = await tx.insert(serviceCategories).values({ name, sortOrder }).returning({ id: serviceCategories.id });
      return row!.id;
    }),
  );
  const [room] = await tx
    .insert(resources)
    .values({ kind: "room", name: "Кабинет ухода", createdAt: ctx.now })
    .returning({ id: resources.id });
  const serviceIds = new Map<string, number>();
  for (const [sortOrder, s] of SERVICES.entries()) {
    const [row] = await tx
      .insert(services)
      .values({
        categoryId: categoryIds[s.category] ?? null,
        title: s.title,
        durationMinutes: s.minutes,
        priceMinor: s.price * 100,
        priceMaxMinor: s.priceMax ? s.priceMax * 100 : null,
        bufferAfterMinutes: s.bufferAfter,
        sortOrder,
        createdAt: ctx.now,
      })
      .returning({ id: services.id });
    serviceIds.set(s.title, row!.id);
    if (s.needsRoom) {
      const [requirement] = await tx.insert(serviceRequirements).values({ serviceId: row!.id }).returning({ id: serviceRequirements.id });
      await tx.insert(requirementResources).values({ requirementId: requirement!.id, resourceId: room!.id });
    }
  }
  const everyDay = [1, 2, 3, 4, 5, 6, 7];
  const hours = (resourceId: number | null, week: Record<number, Range[]>) =>
    Object.entries(week).flatMap(([weekday, ranges]) =>
      ranges.map(([start, end]) => ({
        locationId: ctx.locationId,
        resourceId,
        weekday: Number(weekday),
        startMinutes: minutes(start),
        endMinutes: minutes(end),
      })),
    );
  const rows = [...hours(null, weekdays(everyDay, [SALON_HOURS])), ...hours(room!.id, weekdays(everyDay, [SALON_HOURS]))];
  for (const [sortOrder, m] of MASTERS.entries()) {
    const [staff] = await tx
      .insert(resources)
      .values({ kind: "staff", name: m.name, position: m.position, sortOrder, createdAt: ctx.now })
      .returning({ id: resources.id });
    await tx.insert(staffServices).values(m.services.map((title) => ({ staffId: staff!.id, serviceId: serviceIds.get(title)! })));
    rows.push(...hours(staff!.id, m.week));
  }
  await tx.insert(schedules).values(rows);
}
