/**
 * YClients entities as the importer uses them, read leniently from the raw JSON (see API.md §6).
 * Readers return null when an item lacks what makes it usable (an id, a date); the caller counts it
 * as invalid in the report instead of failing the whole import.
 */
import { isValidLocalDate, type LocalDate } from "../../time/zone.ts";
import { bool, hhmm, id, list, minor, num, obj, str, stripHtml, text, wallTime, type Json } from "./coerce.ts";

export interface YcCompany {
  id: string;
  title: string;
  phone: string;
  email: string;
  address: string;
  city: string;
  country: string;
  timezoneName: string;
  /** `timezone`: whole hours east of UTC in current responses (a zone name in very old ones). */
  timezoneHours: number | null;
  currencyShort: string;
}

export interface YcCategory {
  id: string;
  title: string;
  weight: number;
}

export interface YcService {
  id: string;
  title: string;
  categoryId: string | null;
  priceMinMinor: number;
  priceMaxMinor: number;
  seconds: number | null;
  active: boolean;
  online: boolean;
  description: string;
  weight: number;
  capacity: number;
  /** Masters who perform it, with their own duration when they have one. */
  staff: Array<{ staffId: string; seconds: number | null }>;
}

export interface YcStaff {
  id: string;
  name: string;
  position: string;
  bio: string;
  /** Fired or deleted: kept for history, not bookable. */
  gone: boolean;
  weight: number;
  serviceIds: string[];
}

export interface YcScheduleDay {
  staffId: string;
  date: LocalDate;
  /** Working ranges in wall minutes from local midnight. */
  slots: Array<{ start: number; end: number }>;
}

export interface YcClient {
  id: string | null;
  name: string;
  phone: unknown;
  email: string;
  comment: string;
  categories: string[];
  birthDate: LocalDate | null;
  discountPercent: number;
  card: string;
  balanceMinor: number;
}

export interface YcRecordService {
  id: string | null;
  title: string;
  /** Price before the discount. */
  listMinor: number;
  /** What the client is charged for this line, after the discount. */
  costMinor: number;
  discountPercent: number;
}

export interface YcRecord {
  id: string;
  visitId: string | null;
  staffId: string | null;
  staffName: string;
  staffPosition: string;
  client: YcClient | null;
  /** The local wall time of the start: the only trustworthy time in a record (API.md §9.3). */
  date: LocalDate;
  minutes: number;
  seconds: number;
  attendance: number;
  deleted: boolean;
  paidFull: boolean;
  comment: string;
  services: YcRecordService[];
}

export interface YcReview {
  id: string;
  /** type 1 = about a master; 0 = about the salon. */
  staffId: string | null;
  recordId: string | null;
  rating: number;
  text: string;
  author: string;
  /** Epoch ms when the API gives a unix timestamp; a local wall time otherwise. */
  at: { epochMs: number } | { date: LocalDate; minutes: number };
}

export function readCompany(raw: Json): YcCompany | null {
  const c = obj(raw);
  const companyId = id(c?.id);
  if (!c || !companyId) return null;
  return {
    id: companyId,
    title: str(c.title) || str(c.public_title),
    phone: str(c.phone) || str(list(c.phones)[0]),
    email: str(c.email).toLowerCase(),
    address: str(c.address),
    city: str(c.city),
    country: str(c.country),
    timezoneName: str(c.timezone_name) || (typeof c.timezone === "string" && num(c.timezone) === null ? str(c.timezone) : ""),
    timezoneHours: typeof c.timezone === "string" && num(c.timezone) === null ? null : num(c.timezone),
    currencyShort: str(c.currency_short_title),
  };
}

export function readCategory(raw: Json): YcCategory | null {
  const c = obj(raw);
  const categoryId = id(c?.id);
  if (!c || !categoryId) return null;
  return { id: categoryId, title: str(c.title) || str(c.booking_title), weight: num(c.weight) ?? 0 };
}

export function readService(raw: Json): YcService | null {
  const s = obj(raw);
  const serviceId = id(s?.id);
  if (!s || !serviceId) return null;
  const capacity = num(s.capacity) ?? 1;
  return {
    id: serviceId,
    title: str(s.title) || str(s.booking_title) || str(s.print_title),
    categoryId: id(s.category_id),
    priceMinMinor: Math.max(0, minor(s.price_min)),
    priceMaxMinor: Math.max(0, minor(s.price_max)),
    seconds: positive(num(s.duration)),
    active: bool(s.active, true),
    // YClients hides a service from online booking with is_online false (older shapes: hidden 1).
    online: bool(s.is_online, true) && !bool(s.hidden, false),
    description: text(s.comment),
    weight: num(s.weight) ?? 0,
    capacity: bool(s.is_multi, false) && capacity > 1 ? Math.round(capacity) : 1,
    staff: list(s.staff).flatMap((entry) => {
      const e = obj(entry);
      const staffId = id(e?.id) ?? id(e?.staff_id);
      return staffId ? [{ staffId, seconds: positive(num(e?.seance_length)) }] : [];
    }),
  };
}

export function readStaff(raw: Json): YcStaff | null {
  const s = obj(raw);
  const staffId = id(s?.id);
  if (!s || !staffId) return null;
  return {
    id: staffId,
    name: str(s.name),
    position: str(obj(s.position)?.title) || str(s.specialization),
    bio: stripHtml(s.information),
    gone: bool(s.fired, false) || bool(s.is_fired, false) || bool(s.is_deleted, false) || num(s.status) === 1,
    weight: num(s.weight) ?? 0,
    serviceIds: list(s.services_links).flatMap((link) => {
      const serviceId = id(obj(link)?.service_id);
      return serviceId ? [serviceId] : [];
    }),
  };
}

export function readScheduleDay(raw: Json): YcScheduleDay | null {
  const d = obj(raw);
  const staffId = id(d?.staff_id);
  const day = wallTime(d?.date);
  if (!d || !staffId || !day) return null;
  // The deprecated endpoint marks days off with is_working 0 instead of leaving them out.
  if (d.is_working !== undefined && !bool(d.is_working, true)) return { staffId, date: day.date, slots: [] };
  const slots = list(d.slots).flatMap((slot) => {
    const s = obj(slot);
    const start = hhmm(s?.from);
    const end = hhmm(s?.to);
    return start !== null && end !== null && end > start ? [{ start, end }] : [];
  });
  return { staffId, date: day.date, slots };
}

export function readClient(raw: Json): YcClient | null {
  const c = obj(raw);
  if (!c) return null;
  const birth = typeof c.birth_date === "string" ? c.birth_date : typeof c.birthday === "string" ? c.birthday : "";
  return {
    id: id(c.id),
    name: fullName(c.name, c.patronymic, c.surname) || str(c.display_name),
    phone: c.phone,
    email: str(c.email).replace(/\s/g, "").toLowerCase(),
    comment: text(c.comment),
    categories: list(c.categories).map((cat) => str(obj(cat)?.title)).filter((t) => t !== ""),
    // birth_date: "YYYY-MM-DD", 0, "", null or "0000-00-00"; only a real date counts
    birthDate: isValidLocalDate(birth.trim()) ? birth.trim() : null,
    discountPercent: num(c.discount) ?? 0,
    card: str(c.card),
    balanceMinor: minor(c.balance),
  };
}

export function readRecord(raw: Json): YcRecord | null {
  const r = obj(raw);
  const recordId = id(r?.id);
  const start = wallTime(r?.date) ?? wallTime(r?.datetime);
  if (!r || !recordId || !start) return null;
  const staff = obj(r.staff);
  const client = readClient(r.client ?? null);
  return {
    id: recordId,
    visitId: id(r.visit_id),
    staffId: id(r.staff_id) ?? id(staff?.id),
    staffName: str(staff?.name),
    staffPosition: str(obj(staff?.position)?.title) || str(staff?.specialization),
    client,
    date: start.date,
    minutes: start.minutes,
    seconds: positive(num(r.seance_length)) ?? positive(num(r.length)) ?? 0,
    attendance: num(r.attendance) ?? num(r.visit_attendance) ?? 0,
    deleted: bool(r.deleted, false),
    paidFull: bool(r.paid_full, false),
    comment: text(r.comment),
    services: list(r.services).flatMap((line) => {
      const s = obj(line);
      if (!s) return [];
      // first_cost and cost already cover every unit (`amount`) of the line
      const listMinor = minor(s.first_cost ?? s.cost);
      return [{ id: id(s.id), title: str(s.title), listMinor, costMinor: minor(s.cost ?? s.first_cost), discountPercent: num(s.discount) ?? 0 }];
    }),
  };
}

export function readReview(raw: Json): YcReview | null {
  const c = obj(raw);
  const reviewId = id(c?.id);
  const rating = num(c?.rating);
  if (!c || !reviewId || rating === null) return null;
  const stamp = typeof c.date === "number" || /^\d+$/.test(str(c.date)) ? num(c.date) : null;
  const wall = stamp === null ? wallTime(c.date) : null;
  if (stamp === null && !wall) return null;
  return {
    id: reviewId,
    staffId: num(c.type) === 0 ? null : id(c.master_id),
    recordId: id(c.record_id),
    rating: Math.min(5, Math.max(1, Math.round(rating))),
    text: text(c.text),
    author: str(c.user_name),
    at: stamp !== null ? { epochMs: stamp * 1000 } : wall!,
  };
}

/** «Имя Отчество Фамилия», the order YClients' display_name uses; a name field may already hold all of it. */
function fullName(...parts: unknown[]): string {
  return parts.map(str).filter((p) => p !== "").join(" ");
}

function positive(n: number | null): number | null {
  return n !== null && n > 0 ? n : null;
}
