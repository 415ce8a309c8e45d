import { ReportsPage } from "../../views/admin/reports/reports-page.tsx";
import { csvResponse, toCsv } from "../admin/csv.ts";
import { adminFrame } from "../admin/frame.ts";
import type { AdminApp, AdminDeps } from "../admin/scope.ts";
import type { Database } from "../db/database.ts";
import { render } from "../http/render.ts";
import { addDays, isValidLocalDate, localDateOf, startOfLocalDay } from "../time/zone.ts";
import { reportRows, workingMinutes } from "./queries.ts";
import { buildReport, type Bucket } from "./report.ts";

const OWNER = { can: "reports" as const, detail: { hide: true } };
const MAX_DAYS = 366;

/** The period asked for (this month by default; at most a year) and the bucket size. */
export function periodOf(query: Record<string, string | undefined>, today: string) {
  const fromDate = query.from && isValidLocalDate(query.from) ? query.from : `${today.slice(0, 7)}-01`;
  const monthEnd = addDays(`${Temporal.PlainDate.from(fromDate).add({ months: 1 }).toString().slice(0, 7)}-01`, -1);
  let toDate = query.to && isValidLocalDate(query.to) && query.to >= fromDate ? query.to : monthEnd;
  if (Temporal.PlainDate.from(fromDate).until(toDate).days >= MAX_DAYS) toDate = addDays(fromDate, MAX_DAYS - 1);
  const bucket: Bucket = query.bucket === "week" || query.bucket === "month" ? query.bucket : "day";
  return { fromDate, toDate, bucket };
}

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined>; branch: { id: number; timezone: string } };

/** One branch's numbers (issue 17: the admin's branch switch): its visits, revenue and clients, its masters' hours there. */
async function reportFor(ctx: Ctx, now: number) {
  const zone = ctx.branch.timezone;
  const period = periodOf(ctx.query, localDateOf(now, zone));
  const range = { from: startOfLocalDay(period.fromDate, zone), to: startOfLocalDay(addDays(period.toDate, 1), zone) };
  const [rows, masters] = await Promise.all([
    reportRows(ctx.db.orm, { ...range, locationId: ctx.branch.id }),
    workingMinutes(ctx.db.orm, zone, period.fromDate, period.toDate, now, ctx.branch.id),
  ]);
  return { ...period, report: buildReport({ zone, ...range, bucket: period.bucket, ...rows, masters }) };
}

/** `/admin/reports`: the owner's numbers with SVG charts, and the same numbers as CSV. */
export const reportPages = (deps: AdminDeps) => (app: AdminApp) =>
  app
    .get(
      "/reports",
      async (ctx) => {
        const { fromDate, toDate, bucket, report } = await reportFor(ctx, deps.clock.now());
        const qs = `from=${fromDate}&to=${toDate}&bucket=${bucket}`;
        return render(
          <ReportsPage frame={adminFrame(ctx)} currency={ctx.profile.business.currency} fromDate={fromDate} toDate={toDate} bucket={bucket} report={report} csvHref={(table) => `${ctx.base}/reports.csv?table=${table}&${qs}`} />,
        );
      },
      OWNER,
    )
    .get(
      "/reports.csv",
      async (ctx) => {
        const { fromDate, toDate, report } = await reportFor(ctx, deps.clock.now());
        const table = ctx.query.table === "masters" || ctx.query.table === "services" ? ctx.query.table : "series";
        const money = (minor: number) => (minor / 100).toFixed(2);
        const csv =
          table === "masters"
            ? toCsv(["master", "booked_minutes", "working_minutes", "utilization"], report.utilization.map((u) => [u.name, u.bookedMinutes, u.workingMinutes, u.rate === null ? null : u.rate.toFixed(4)]))
            : table === "services"
              ? toCsv(["service", "bookings", "revenue"], report.topServices.map((s) => [s.title, s.count, money(s.revenueMinor)]))
              : toCsv(
                  ["period_start", "bookings", "completed", "no_show", "cancelled", "revenue"],
                  report.series.map((p) => [p.date, p.bookings, p.completed, p.noShows, p.cancelled, money(p.revenueMinor)]),
                );
        return csvResponse(`report-${table}-${fromDate}-${toDate}.csv`, csv);
      },
      OWNER,
    );
