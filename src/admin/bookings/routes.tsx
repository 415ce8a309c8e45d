import { BookingsPage } from "../../../views/admin/bookings/bookings-page.tsx";
import { bookingScope, can } from "../../account/permissions.ts";
import { BOOKING_SOURCES, BOOKING_STATUSES, type BookingSource, type BookingStatus } from "../../booking/schema.ts";
import { calendarResources } from "../calendar/queries.ts";
import { render } from "../../http/render.ts";
import { t } from "../../i18n/i18n.ts";
import { toIsoWithOffset } from "../../time/format.ts";
import { addDays, isValidLocalDate, localDateOf, startOfLocalDay } from "../../time/zone.ts";
import { csvResponse, toCsv } from "../csv.ts";
import { adminFrame } from "../frame.ts";
import { STATUS_LABEL, SOURCE_LABEL } from "../labels.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";
import { LIST_LIMIT, listForAdmin, type BookingListFilter } from "./queries.ts";

type Query = Record<string, string | undefined>;
const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | null =>
  value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : null;

/** The list's filter from the query; a master sees only their own visits whatever they ask. */
function filterOf(query: Query, zone: string, today: string, scope: ReturnType<typeof bookingScope>) {
  const fromDate = query.from && isValidLocalDate(query.from) ? query.from : addDays(today, -30);
  const toDate = query.to && isValidLocalDate(query.to) && query.to >= fromDate ? query.to : addDays(fromDate < today ? today : fromDate, 30);
  const asked = query.staff && /^\d+$/.test(query.staff) ? Number(query.staff) : null;
  return {
    fromDate,
    toDate,
    from: startOfLocalDay(fromDate, zone),
    to: startOfLocalDay(addDays(toDate, 1), zone),
    staffId: scope === "all" ? asked : scope.staffId,
    status: oneOf<BookingStatus>(BOOKING_STATUSES, query.status),
    source: oneOf<BookingSource>(BOOKING_SOURCES, query.source),
  } satisfies BookingListFilter & { fromDate: string; toDate: string };
}

/** `/admin/bookings`: every visit of a period with filters; the owner exports it as CSV. */
export const bookingListPages = (deps: AdminDeps) => (app: AdminApp) =>
  app
    .get(
      "/bookings",
      async (ctx) => {
        const zone = ctx.branch.timezone;
        const scope = bookingScope(ctx.actor);
        const filter = { ...filterOf(ctx.query as Query, zone, localDateOf(deps.clock.now(), zone), scope), locationId: ctx.branch.id };
        const [{ rows, total }, resources] = await Promise.all([listForAdmin(ctx.db.orm, filter, LIST_LIMIT), calendarResources(ctx.db.orm, ctx.branch.id)]);
        const masters = resources.filter((r) => r.kind === "staff" && (scope === "all" || r.id === scope.staffId));
        const search = new URL(ctx.request.url).search;
        return render(
          <BookingsPage
            frame={adminFrame(ctx)}
            zone={zone}
            filter={filter}
            masters={masters}
            rows={rows}
            total={total}
            csvHref={can(ctx.actor.role, "exports") ? `${ctx.base}/bookings.csv${search}` : null}
          />,
        );
      },
      { can: ["bookings.all", "bookings.own"], detail: { hide: true } },
    )
    .get(
      "/bookings.csv",
      async (ctx) => {
        const zone = ctx.branch.timezone;
        const filter = { ...filterOf(ctx.query as Query, zone, localDateOf(deps.clock.now(), zone), "all"), locationId: ctx.branch.id };
        const { rows } = await listForAdmin(ctx.db.orm, filter, Number.MAX_SAFE_INTEGER);
        const l = ctx.locale;
        const csv = toCsv(
          ["id", "start", "end", "status", "source", "client", "phone", "services", "masters", "price", "currency", "cancel_reason"],
          rows.map((r) => [
            r.id,
            toIsoWithOffset(r.startTs, zone),
            toIsoWithOffset(r.endTs, zone),
            t(l, STATUS_LABEL[r.status]),
            t(l, SOURCE_LABEL[r.source]),
            r.clientName,
            r.clientPhone,
            r.services,
            r.masters,
            (r.priceMinor / 100).toFixed(2),
            r.currency,
            r.cancelReason,
          ]),
        );
        return csvResponse(`bookings-${filter.fromDate}-${filter.toDate}.csv`, csv);
      },
      { can: "exports", detail: { hide: true } },
    );

