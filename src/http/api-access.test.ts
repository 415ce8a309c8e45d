// Who may call what in the JSON API: every route of the app, walked with every kind of caller, must
// answer as the ONE permission table (src/account/permissions.ts) says, and a master's token stays in
// their own column exactly as the calendar pages keep them there.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import type { TSchema } from "@sinclair/typebox";
import { eq } from "drizzle-orm";
import { issueTokenFor } from "../account/token-admin.ts";
import { can, type Permission } from "../account/permissions.ts";
import type { Role } from "../account/schema.ts";
import { addUser } from "../account/users.ts";
import { bookingServices } from "../booking/schema.ts";
import { makeHarness, type Harness } from "../../test/harness.ts";

const B = "/api/v1/businesses/:slug";
const BOOKINGS = ["bookings.all", "bookings.own"] as const;
/**
 * What each API route needs. "public": anyone (a valid token may see more); "own-secret": the
 * route has its own credential (webhook secret, unsubscribe token) and a Bearer token changes
 * nothing. A route missing here fails the walk: whoever adds one decides who may call it.
 */
const ACCESS: Record<string, "public" | "own-secret" | Permission | readonly Permission[]> = {
  [`GET ${B}`]: "public",
  [`PATCH ${B}`]: "settings",
  [`GET ${B}/availability`]: "public",
  [`GET ${B}/services`]: "public",
  [`GET ${B}/services/:id`]: "public",
  [`POST ${B}/services`]: "catalogue.edit",
  [`PATCH ${B}/services/:id`]: "catalogue.edit",
  [`DELETE ${B}/services/:id`]: "catalogue.edit",
  [`GET ${B}/categories`]: "public",
  [`GET ${B}/staff`]: "public",
  [`GET ${B}/staff/:id`]: "public",
  [`POST ${B}/staff`]: "catalogue.edit",
  [`PATCH ${B}/staff/:id`]: "catalogue.edit",
  [`GET ${B}/resources`]: "public",
  [`POST ${B}/resources`]: "catalogue.edit",
  [`PATCH ${B}/resources/:id`]: "catalogue.edit",
  [`GET ${B}/staff/:id/schedule`]: "public",
  [`PUT ${B}/staff/:id/schedule`]: "schedules.edit",
  [`PUT ${B}/resources/:id/schedule`]: "schedules.edit",
  [`GET ${B}/hours`]: "public",
  [`PUT ${B}/hours`]: "schedules.edit",
  [`GET ${B}/exceptions`]: "catalogue.view",
  [`POST ${B}/exceptions`]: "schedules.edit",
  [`DELETE ${B}/exceptions/:id`]: "schedules.edit",
  [`POST ${B}/bookings`]: "public",
  [`GET ${B}/bookings`]: BOOKINGS,
  [`PATCH ${B}/bookings/:id`]: BOOKINGS,
  [`DELETE ${B}/bookings/:id`]: BOOKINGS,
  [`GET ${B}/bookings/:id`]: BOOKINGS,
  [`GET ${B}/clients`]: "clients",
  [`POST ${B}/clients`]: "clients",
  [`GET ${B}/clients/:id`]: "clients",
  [`PATCH ${B}/clients/:id`]: "clients",
  [`GET ${B}/clients/:id/bookings`]: "clients",
  [`GET ${B}/notification-templates`]: "settings",
  [`PATCH ${B}/notification-templates`]: "settings",
  [`POST ${B}/webhooks/yclients`]: "own-secret",
  [`POST ${B}/unsubscribe/:token`]: "own-secret",
  [`POST ${B}/telegram/webhook`]: "own-secret",
  // issue 17: branches
  [`GET ${B}/locations`]: "public",
  [`GET ${B}/locations/:id`]: "public",
  [`POST ${B}/locations`]: "settings",
  [`PATCH ${B}/locations/:id`]: "settings",
  [`PUT ${B}/locations/:id/hours`]: "schedules.edit",
  [`GET ${B}/locations/:id/hours`]: "public",
  // issue 13: a notification's body is never trusted (re-read from YooKassa), whoever sends it
  [`GET ${B}/bookings/:id/payments`]: BOOKINGS,
  [`POST ${B}/bookings/:id/payments`]: "payments",
  [`POST ${B}/payments/:id/refund`]: "refunds",
  [`POST ${B}/webhooks/yookassa`]: "own-secret",
  // issue 18: outgoing webhooks
  [`GET ${B}/webhooks`]: "webhooks",
  [`POST ${B}/webhooks`]: "webhooks",
  [`DELETE ${B}/webhooks/:id`]: "webhooks",
  [`GET ${B}/webhooks/:id/deliveries`]: "webhooks",
  [`POST ${B}/webhooks/:id/test`]: "webhooks",
  [`GET ${B}/yclients-hybrid`]: "settings",
  [`PUT ${B}/yclients-hybrid`]: "settings",
  // issue 14: packages, wallet, certificates, promo codes (a wallet correction also needs "balance.correct")
  [`GET ${B}/packages`]: "clients",
  [`POST ${B}/packages`]: "catalogue.edit",
  [`GET ${B}/clients/:id/packages`]: "clients",
  [`POST ${B}/clients/:id/packages`]: "clients",
  [`GET ${B}/clients/:id/wallet`]: "clients",
  [`POST ${B}/clients/:id/wallet/transactions`]: "clients",
  [`GET ${B}/certificates`]: "clients",
  [`POST ${B}/certificates`]: "clients",
  [`GET ${B}/promo-codes`]: "clients",
  [`POST ${B}/promo-codes`]: "catalogue.edit",
  // issue 16: browser reminders (the manage token is the credential)
  [`GET ${B}/push/key`]: "public",
  [`POST ${B}/bookings/:id/push-subscriptions`]: "own-secret",
  // issue 15: a review carries its visit's token; GET shows published ones to all, any status to "reviews"
  [`POST ${B}/reviews`]: "own-secret",
  [`GET ${B}/reviews`]: "public",
  [`PATCH ${B}/reviews/:id`]: "reviews",
  [`POST ${B}/waitlist`]: "public",
  [`GET ${B}/waitlist`]: "bookings.all",
  [`DELETE ${B}/waitlist/:id`]: "bookings.all",
};

const ANNA = 2; // a master (demo salon), service 1 is theirs
const OLGA = 3; // another master, service 4 is theirs
const ROLES: readonly Role[] = ["owner", "manager", "staff"];

let h: Harness;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  h = await makeHarness();
  const deps = { db: h.db, clock: h.clock };
  const by = { userId: null, role: "owner" as const, staffId: null, label: "test" };
  for (const role of ROLES) {
    const userId = await addUser(deps, { email: `${role}@salon.test`, password: "long enough password", role, ...(role === "staff" ? { staffId: ANNA } : {}) });
    tokens[role] = await issueTokenFor(deps, by, { name: role, userId });
  }
});
afterAll(() => h.close());

/** A request for one route: ids that exist nowhere (so nothing is changed), a body its schema accepts. */
function requestFor(route: { method: string; path: string; hooks?: { body?: unknown } }, authorization: string | null): RequestInit & { path: string } {
  const path = route.path.replace(":slug", h.slug).replace(/:[a-z]+/g, "999999");
  const schema = route.hooks?.body as TSchema | undefined;
  const body = route.method === "GET" || route.method === "DELETE" ? undefined : JSON.stringify(schema ? Value.Create(schema) : {});
  return {
    path,
    method: route.method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(authorization ? { authorization } : {}) },
    ...(body !== undefined ? { body } : {}),
  };
}

describe("a master's token stays in their own column (as on the calendar pages)", () => {
  const book = (role: Role, body: Record<string, unknown>) =>
    h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: 1, start_ts: "2027-03-03T11:00:00+03:00", client: { name: "Вера", phone: "+79161234567" }, ...body }, { headers: { authorization: `Bearer ${tokens[role]}` } });
  const masterOf = async (bookingId: number) =>
    (await h.db.orm.select({ staffId: bookingServices.staffId }).from(bookingServices).where(eq(bookingServices.bookingId, bookingId)))[0]?.staffId;

  test("booking for another master is refused; no master means their own", async () => {
    expect((await book("staff", { service_id: 4, staff_id: OLGA, start_ts: "2027-03-03T12:00:00+03:00" })).status).toBe(404);
    const own = await book("staff", {});
    expect(own.status).toBe(201);
    const id = ((await own.json()) as { booking: { id: number } }).booking.id;
    expect(await masterOf(id)).toBe(ANNA);
  });

  test("a stored client (client_id) is personal data: staff may not name one, managers may", async () => {
    const refused = await book("staff", { client: undefined, client_id: 1, start_ts: "2027-03-03T13:00:00+03:00" });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).not.toContain("Вера");
    const byManager = await book("manager", { client: undefined, client_id: 1, staff_id: ANNA, start_ts: "2027-03-04T11:00:00+03:00" });
    expect(byManager.status).toBe(201);
  });

  test("moving a visit onto another master is refused and changes nothing", async () => {
    const created = await book("staff", { start_ts: "2027-03-03T16:00:00+03:00" });
    const id = ((await created.json()) as { booking: { id: number } }).booking.id;
    const moved = await h.api("PATCH", `/api/v1/businesses/${h.slug}/bookings/${id}`, { start_ts: "2027-03-03T17:00:00+03:00", staff_id: OLGA }, { headers: { authorization: `Bearer ${tokens.staff}` } });
    expect(moved.status).toBe(404);
    expect(await masterOf(id)).toBe(ANNA);
  });
});

// Last: the walk's owner calls may really change the salon (e.g. PUT /hours with a valid week).
describe("every API route answers every caller as the permission table says", () => {
  test("each route is in the access list (new routes must say who may call them)", () => {
    const api = h.app.routes.filter((r) => r.path.startsWith("/api/v1/")).map((r) => `${r.method} ${r.path}`);
    expect(api.filter((k) => !(k in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((k) => !api.includes(k))).toEqual([]);
  });

  test("owner, manager, staff, no token, bad token", async () => {
    const seen: string[] = [];
    const wrong: string[] = [];
    for (const route of h.app.routes.filter((r) => r.path.startsWith("/api/v1/"))) {
      const access = ACCESS[`${route.method} ${route.path}`]!;
      const callers: Array<[who: string, authorization: string | null, role: Role | null]> = [
        ["no token", null, null],
        ["bad token", "Bearer zap_not-a-token", null],
        ...ROLES.map((role): [string, string, Role] => [role, `Bearer ${tokens[role]}`, role]),
      ];
      const statuses: number[] = [];
      for (const [who, authorization, role] of callers) {
        const { path, ...init } = requestFor(route, authorization);
        const status = (await h.request(path, init)).status;
        statuses.push(status);
        seen.push(`${route.method} ${route.path} ${who} ${status}`);
        const denied = status === 401 || status === 403;
        let ok: boolean;
        if (status >= 500) ok = false;
        else if (access === "own-secret") ok = true; // compared across callers below
        else if (access === "public") ok = who === "bad token" ? status !== 403 : !denied;
        else if (role === null) ok = status === 401;
        else {
          const needed: readonly Permission[] = typeof access === "string" ? [access] : access;
          ok = needed.some((p) => can(role, p)) ? !denied : status === 403;
        }
        if (!ok) wrong.push(`${route.method} ${route.path} as ${who}: ${status}`);
      }
      if (access === "own-secret" && new Set(statuses).size !== 1) wrong.push(`${route.method} ${route.path}: a Bearer token changed the answer ${statuses.join(",")}`);
    }
    expect(wrong).toEqual([]);
    expect(seen.length).toBe(Object.keys(ACCESS).length * 5);
  }, 60_000);
});
