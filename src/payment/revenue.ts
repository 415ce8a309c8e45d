/**
 * Revenue from the payments ledger (issue 13), pure so it is tested without a database. Money counts
 * on the salon-local day it moved: a received payment adds, a refund subtracts, both only once
 * settled (succeeded). By master and by service, a visit's money is shared out over its services in
 * proportion to their prices (whole kopecks: the remainder goes to the first service), so the
 * splits always add up to the total.
 */
import type { PaymentMethod } from "./schema.ts";
import { localDateOf, type LocalDate } from "../time/zone.ts";

export interface Movement {
  bookingId: number;
  kind: "payment" | "refund";
  method: PaymentMethod;
  amountMinor: number;
  at: number;
}

export interface VisitPart {
  bookingId: number;
  staffName: string | null;
  title: string;
  priceMinor: number;
}

export interface Sums {
  receivedMinor: number;
  refundedMinor: number;
  netMinor: number;
}

export interface Revenue {
  total: Sums;
  byDay: Array<{ date: LocalDate } & Sums>;
  byMethod: Array<{ method: PaymentMethod } & Sums>;
  byMaster: Array<{ name: string; netMinor: number }>;
  byService: Array<{ title: string; netMinor: number }>;
}

const empty = (): Sums => ({ receivedMinor: 0, refundedMinor: 0, netMinor: 0 });
function add(sums: Sums, m: Movement): void {
  if (m.kind === "payment") sums.receivedMinor += m.amountMinor;
  else sums.refundedMinor += m.amountMinor;
  sums.netMinor = sums.receivedMinor - sums.refundedMinor;
}

function grouped<K>(movements: readonly Movement[], keyOf: (m: Movement) => K): Map<K, Sums> {
  const out = new Map<K, Sums>();
  for (const m of movements) {
    const key = keyOf(m);
    if (!out.has(key)) out.set(key, empty());
    add(out.get(key)!, m);
  }
  return out;
}

/** `amount` shared over `weights` in proportion, whole units, the remainder to the first. */
export function share(amount: number, weights: readonly number[]): number[] {
  const whole = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  const parts = weights.map((w) => (whole === 0 ? 0 : Math.trunc((amount * w) / whole)));
  parts[0]! += amount - parts.reduce((a, b) => a + b, 0);
  return parts;
}

export function buildRevenue(zone: string, movements: readonly Movement[], parts: readonly VisitPart[]): Revenue {
  const total = empty();
  for (const m of movements) add(total, m);
  const byDay = [...grouped(movements, (m) => localDateOf(m.at, zone))].map(([date, s]) => ({ date, ...s })).sort((a, b) => a.date.localeCompare(b.date));
  const byMethod = [...grouped(movements, (m) => m.method)].map(([method, s]) => ({ method, ...s }));
  const partsOf = Map.groupBy(parts, (p) => p.bookingId);
  const master = new Map<string, number>();
  const service = new Map<string, number>();
  for (const [bookingId, sums] of grouped(movements, (m) => m.bookingId)) {
    const own = partsOf.get(bookingId) ?? [];
    share(sums.netMinor, own.map((p) => p.priceMinor)).forEach((amount, i) => {
      const p = own[i]!;
      const name = p.staffName ?? "—";
      master.set(name, (master.get(name) ?? 0) + amount);
      service.set(p.title, (service.get(p.title) ?? 0) + amount);
    });
  }
  const ranked = (m: Map<string, number>) => [...m].map(([k, netMinor]) => ({ k, netMinor })).sort((a, b) => b.netMinor - a.netMinor);
  return {
    total,
    byDay,
    byMethod,
    byMaster: ranked(master).map(({ k, netMinor }) => ({ name: k, netMinor })),
    byService: ranked(service).map(({ k, netMinor }) => ({ title: k, netMinor })),
  };
}
