import type { Role } from "./schema.ts";

/**
 * What a signed-in person (or an API token acting for them) may do. The ONE table of roles: admin
 * pages and the JSON API both ask `can(role, permission)`, so a role means the same everywhere.
 */
export type Permission =
  /** every master's calendar and bookings */
  | "bookings.all"
  /** only the bookings of the master the user is linked to */
  | "bookings.own"
  | "clients"
  | "catalogue.view"
  | "catalogue.edit"
  | "schedules.edit"
  | "settings"
  | "users"
  | "reports"
  | "exports"
  /** a client's data on request: export it, erase it (the salon owner answers such requests) */
  | "privacy"
  | "audit"
  | "tokens"
  // issue 13: take money for a visit (cash, card) and give it back
  | "payments"
  | "refunds"
  // issue 14: a wallet correction (money from nowhere, or taken away) is the owner's call
  | "balance.correct"
  // issue 18: outgoing webhooks (owner and manager)
  | "webhooks"
  // issue 15: publish, hide and answer client reviews
  | "reviews";

const STAFF: readonly Permission[] = ["bookings.own", "catalogue.view"];
const MANAGER: readonly Permission[] = ["bookings.all", "clients", "catalogue.view", "catalogue.edit", "schedules.edit", "payments", "webhooks", "reviews"];
const OWNER: readonly Permission[] = [...MANAGER, "settings", "users", "reports", "exports", "privacy", "audit", "tokens", "refunds", "balance.correct"];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(OWNER),
  manager: new Set(MANAGER),
  staff: new Set(STAFF),
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

/** Who is acting: a signed-in user, or the user an API token belongs to. */
export interface Actor {
  userId: number | null;
  role: Role;
  /** The master this account is, for staff: their calendar is all they see. */
  staffId: number | null;
  /** How the audit log names them: "user:<id>" or "api-token:<id>". */
  label: string;
  /** issue 17: the branches this account is limited to; null or absent = every branch. */
  locationIds?: readonly number[] | null;
}

/** May the actor see and book in this branch? A user limited to branch A never acts in branch B. */
export function mayActInBranch(actor: Actor, locationId: number): boolean {
  return !actor.locationIds || actor.locationIds.includes(locationId);
}

/**
 * The branches a list may show: the one asked for (none at all when the actor may not see it), or
 * — nothing asked — the actor's own limit (null: every branch).
 */
export function branchFilter(actor: Actor, asked: number | null | undefined): readonly number[] | null {
  if (asked !== null && asked !== undefined) return mayActInBranch(actor, asked) ? [asked] : [];
  return actor.locationIds ?? null;
}

/**
 * Whose bookings an actor may see and change: every master's, or one master's. A staff account not
 * linked to a master sees none (staffId -1 matches no resource), never everyone's.
 */
export function bookingScope(actor: Actor): { staffId: number } | "all" {
  if (can(actor.role, "bookings.all")) return "all";
  return { staffId: actor.staffId ?? -1 };
}
