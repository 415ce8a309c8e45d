import type { ServiceInput } from "../../catalogue/services.ts";
import { checked, int, list, money, text, type FormBody } from "../form.ts";

// Numbers the browser sent that are not numbers become NaN, so the catalogue's own checks answer
// with their translated message: one validation path for the API and the pages.
const whole = (form: FormBody, name: string, empty: number): number => (text(form, name) === "" ? empty : (int(form, name) ?? Number.NaN));
const amount = (form: FormBody, name: string): number => money(form, name) ?? Number.NaN;
const ids = (values: string[]) => values.filter((v) => /^\d+$/.test(v)).map(Number);

/** The service form → the catalogue's input (every field given: the form shows them all). */
export function serviceInput(form: FormBody): ServiceInput {
  const categoryName = text(form, "category_new");
  const categoryId = int(form, "category_id");
  const sets = Math.min(int(form, "req_count") ?? 0, 20);
  return {
    title: text(form, "title"),
    description: text(form, "description") || null,
    ...(categoryName ? { categoryName } : { categoryId }),
    durationMinutes: whole(form, "duration_minutes", Number.NaN),
    priceMinor: text(form, "price") === "" ? 0 : amount(form, "price"),
    priceMaxMinor: text(form, "price_max") === "" ? null : amount(form, "price_max"),
    bufferBeforeMinutes: whole(form, "buffer_before", 0),
    bufferAfterMinutes: whole(form, "buffer_after", 0),
    color: text(form, "color") || null,
    bookableOnline: checked(form, "bookable_online"),
    active: checked(form, "active"),
    // ticked: a meeting room or a device is booked on its own, no master needed (unticked by default,
    // so a form from before the box keeps its services needing a master)
    staffRequired: !checked(form, "rooms_only"),
    staffIds: ids(list(form, "staff_ids")),
    requirements: Array.from({ length: sets }, (_, i) => ids(list(form, `req_${i}`))).filter((set) => set.length > 0),
  };
}
