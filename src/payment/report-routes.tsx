import { MoneyPage, type MoneyTable } from "../../views/admin/reports/money-page.tsx";
import { csvResponse, toCsv } from "../admin/csv.ts";
import { adminFrame } from "../admin/frame.ts";
import type { AdminApp, AdminDeps } from "../admin/scope.ts";
import type { Database } from "../db/database.ts";
import { render } from "../http/render.ts";
import { periodOf } from "../report/routes.tsx";
import { toIsoWithOffset } from "../time/format.ts";
import { addDays, isValidLocalDate, localDateOf, startOfLocalDay } from "../time/zone.ts";
import { movementsIn, unpaidCompleted } from "./revenue-queries.ts";
import { buildRevenue, type Sums } from "./revenue.ts";

const OWNER = { can: "reports" as const, detail: { hide: true } };
const TABLES: readonly MoneyTable[] = ["days", "methods", "masters", "services", "till", "unpaid"];

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined> };

async function moneyFor(ctx: Ctx, now: number) {
  const zone = ctx.profile.timezone;
  const today = localDateOf(now, zone);
  const { fromDate, toDate } = periodOf(ctx.query, today);
  const tillDate = ctx.query.day && isValidLocalDate(ctx.query.day) ? ctx.query.day : today;
  const range = (from: string, to: string) => ({ from: startOfLocalDay(from, zone), to: startOfLocalDay(addDays(to, 1), zone) });
  const [period, day, unpaid] = await Promise.all([movementsIn(ctx.db.orm, range(fromDate, toDate)), movementsIn(ctx.db.orm, range(tillDate, tillDate)), unpaidCompleted(ctx.db.orm, range(fromDate, toDate))]);
  return { zone, fromDate, toDate, tillDate, revenue: buildRevenue(zone, period.movements, period.parts), till: buildRevenue(zone, day.movements, day.parts), unpaid };
}

const money = (minor: number) => (minor / 100).toFixed(2);
const sums = (s: Sums) => [money(s.receivedMinor), money(s.refundedMinor), money(s.netMinor)];
const SUMS = ["received", "refunded", "net"];

/** `/admin/reports/money` (issue 13): the owner's revenue from the payments ledger, and its CSV. */
export const moneyReportPages = (deps: AdminDeps) => (app: AdminApp) =>
  app
    .get(
      "/reports/money",
      async (ctx) => {
        const m = await moneyFor(ctx, deps.clock.now());
        const qs = `from=${m.fromDate}&to=${m.toDate}&day=${m.tillDate}`;
        return render(<MoneyPage frame={adminFrame(ctx)} currency={ctx.profile.business.currency} {...m} csvHref={(table) => `${ctx.base}/reports/money.csv?table=${table}&${qs}`} />);
      },
      OWNER,
    )
    .get(
      "/reports/money.csv",
      async (ctx) => {
        const m = await moneyFor(ctx, deps.clock.now());
        const table = TABLES.find((x) => x === ctx.query.table) ?? "days";
        const { revenue: r } = m;
        const csv = {
          days: () => toCsv(["date", ...SUMS], r.byDay.map((d) => [d.date, ...sums(d)])),
          methods: () => toCsv(["method", ...SUMS], r.byMethod.map((x) => [x.method, ...sums(x)])),
          till: () => toCsv(["method", ...SUMS], m.till.byMethod.map((x) => [x.method, ...sums(x)])),
          masters: () => toCsv(["master", "net"], r.byMaster.map((x) => [x.name, money(x.netMinor)])),
          services: () => toCsv(["service", "net"], r.byService.map((x) => [x.title, money(x.netMinor)])),
          unpaid: () => toCsv(["booking", "start", "client", "total", "paid", "due"], m.unpaid.map((v) => [v.id, toIsoWithOffset(v.startTs, m.zone), v.client, money(v.totalMinor), money(v.paidMinor), money(v.dueMinor)])),
        }[table]();
        return csvResponse(`money-${table}-${table === "till" ? m.tillDate : `${m.fromDate}-${m.toDate}`}.csv`, csv);
      },
      OWNER,
    );
