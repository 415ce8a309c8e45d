/**
 * Where a client is in the booking flow, carried in the URL so every step is a plain link that
 * works without JavaScript, can be shared, and caches well: `s` (the visit's services, in order),
 * `m` (a master's id or "any"), `d` (the local date being looked at), `l` (the branch, issue 17: only
 * in salons with several; a link straight at a branch is `/<slug>?l=<id>`).
 */
import { MAX_VISIT_SERVICES } from "../availability/availability.ts";
import { isValidLocalDate, type LocalDate } from "../time/zone.ts";

export interface Flow {
  serviceIds: number[];
  staffId: number | "any";
  date: LocalDate | null;
  /** The branch chosen; null until the client picks one (or when the salon has only one). */
  locationId?: number | null;
}

const positive = (v: string) => (/^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null);

export function flowFrom(params: URLSearchParams): Flow {
  const ids = params.getAll("s").flatMap((v) => v.split(",")).map(positive);
  const serviceIds = ids.every((id) => id !== null) ? [...new Set(ids as number[])].slice(0, MAX_VISIT_SERVICES) : [];
  const m = params.get("m");
  const staffId = m === null || m === "any" ? "any" : (positive(m) ?? "any");
  const d = params.get("d");
  const l = params.get("l");
  return { serviceIds, staffId, date: d !== null && isValidLocalDate(d) ? d : null, locationId: l === null ? null : positive(l) };
}

/** "s=1&s=8&m=any&d=2027-03-02" for a flow (and any extra parameters), in a stable order. */
export function flowQuery(flow: Partial<Flow> & Pick<Flow, "serviceIds">, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const id of flow.serviceIds) params.append("s", String(id));
  if (flow.staffId !== undefined) params.set("m", String(flow.staffId));
  if (flow.date) params.set("d", flow.date);
  if (flow.locationId) params.set("l", String(flow.locationId));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
