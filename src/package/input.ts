/** A package product as staff describe it (API body or admin form) → NewPackage, every problem at once. */
import { MAX_MONEY } from "../balance/methods.ts";
import { Problems } from "../error/problems.ts";
import type { NewPackage } from "./package.ts";

export interface PackageFields {
  title: string;
  service_ids: number[];
  visits: number | null;
  price: number | null;
  valid_days: number | null;
}

const whole = (n: number | null, min: number, max: number): n is number => n !== null && Number.isSafeInteger(n) && n >= min && n <= max;

export function parsePackage(body: PackageFields): NewPackage {
  const p = new Problems();
  const title = body.title.trim();
  p.check(title.length > 0 && title.length <= 120, "title", "package.title_invalid");
  p.check(body.service_ids.length > 0 && body.service_ids.every((id) => whole(id, 1, Number.MAX_SAFE_INTEGER)), "service_ids", "package.services_invalid");
  p.check(whole(body.visits, 1, 1000), "visits", "package.visits_invalid");
  p.check(whole(body.price, 0, MAX_MONEY), "price", "balance.amount_invalid");
  p.check(whole(body.valid_days, 1, 3660), "valid_days", "package.valid_days_invalid");
  p.throwIfAny();
  return { title, serviceIds: body.service_ids, visits: body.visits!, priceMinor: body.price!, validDays: body.valid_days! };
}
