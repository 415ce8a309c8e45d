import { LATEST_TENANT_MIGRATION, tenantMigrations } from "../../migrations/index.ts";
import { createUser } from "../account/account.ts";
import { business, locations } from "../business/schema.ts";
import { openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { seedDemo } from "../demo/demo.ts";
import { schedules } from "../schedule/schema.ts";
import { AppError, type Problem } from "../error/app-error.ts";
import { isLocale, type Locale } from "../i18n/i18n.ts";
import type { Clock } from "../time/clock.ts";
import { isValidZone } from "../time/zone.ts";
import type { Registry } from "./registry.ts";
import type { TenantRow } from "./schema.ts";
import { checkSlug } from "./slug.ts";
import { tenantDbUrl } from "./connections.ts";
import { isNewerSchema, migrateOpenTenant } from "./upgrade.ts";
import { formatDbUrl, parseRemoteDbUrl } from "./db-url.ts";
import { provisionDatabase } from "./placement.ts";
import { redactUrl } from "../config/config.ts";

export interface TenantDeps {
  registry: Registry;
  dataDir: string;
  clock: Clock;
}

export interface CreateTenantInput {
  slug: string;
  name: string;
  timezone?: string | undefined;
  locale?: string | undefined;
  currency?: string | undefined;
  ownerEmail?: string | undefined;
  ownerPassword?: string | undefined;
  dbUrl?: string | undefined;
  dbToken?: string | undefined;
  demo?: boolean | undefined;
}

export const MIN_PASSWORD_LENGTH = 8;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Provisions a salon: its database (local folder, the remote libSQL URL given, or ZAPIS_TENANT_DB_URL's
 * place for it: see placement.ts), migrated, with the profile,
 * the primary location, the owner account and optionally the demo catalogue; then registers it.
 * The registry row comes last, so a failure never leaves a half-made tenant visible.
 */
export async function createTenant(deps: TenantDeps, input: CreateTenantInput): Promise<TenantRow> {
  const settings = validate(input);
  if (await deps.registry.get(input.slug)) {
    throw new AppError("ALREADY_EXISTS", [{ field: "slug", key: "tenant.exists", params: { slug: input.slug } }]);
  }
  const now = deps.clock.now();
  // Hash before opening the write transaction: argon2id takes tens of milliseconds.
  const owner =
    input.ownerEmail && input.ownerPassword
      ? { email: input.ownerEmail, passwordHash: await Bun.password.hash(input.ownerPassword, { algorithm: "argon2id" }) }
      : null;
  const home = await provisionDatabase({ dataDir: deps.dataDir, placement: deps.registry.placement }, input.slug, {
    dbUrl: settings.dbUrl,
    dbToken: input.dbToken,
  });
  const db = await openDatabase({ url: home.url, authToken: home.authToken }).catch(async (e: unknown) => {
    await home.discard();
    throw e;
  });
  try {
    await migrate(db.client, tenantMigrations, now);
    await db.write(async (tx) => {
      await tx.insert(business).values({
        id: 1,
        name: settings.name,
        locale: settings.locale,
        currency: settings.currency,
        country: "RU",
        slotStepMinutes: 15,
        minNoticeMinutes: 60,
        horizonDays: 60,
        holdMinutes: 5,
        cancelWindowMinutes: 120,
        autoConfirm: true,
        reminderOffsetsMinutes: [1440, 120],
        dataVersion: 0,
        createdAt: now,
      });
      const [location] = await tx
        .insert(locations)
        .values({ name: settings.name, timezone: settings.timezone, isPrimary: true })
        .returning({ id: locations.id });
      if (owner) await createUser(tx, { ...owner, role: "owner", name: null, now });
      if (input.demo && location) await seedDemo(tx, { locationId: location.id, now });
      else if (location) await tx.insert(schedules).values(DEFAULT_HOURS.map((h) => ({ locationId: location.id, resourceId: null, ...h })));
    });
  } catch (e) {
    await home.discard();
    throw e;
  } finally {
    db.close();
  }
  try {
    return await deps.registry.insert({
      slug: input.slug,
      name: settings.name,
      status: "active",
      dbUrl: home.dbUrl,
      dbToken: home.dbToken,
      dbNamespace: home.dbNamespace,
      createdAt: now,
      schemaVersion: LATEST_TENANT_MIGRATION,
    });
  } catch (e) {
    await home.discard();
    throw e;
  }
}

/**
 * A new salon's primary location is open Mon–Sat 10:00–20:00 until the owner changes it (DESIGN §5):
 * without opening hours nothing could be booked, and nothing would say why.
 */
const DEFAULT_HOURS = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinutes: 10 * 60, endMinutes: 20 * 60 }));

interface Settings {
  name: string;
  timezone: string;
  locale: Locale;
  currency: string;
  dbUrl: string | undefined;
}

function validate(input: CreateTenantInput): Settings {
  const problems: Problem[] = [];
  try {
    checkSlug(input.slug);
  } catch (e) {
    if (e instanceof AppError) problems.push(...e.problems);
    else throw e;
  }
  const name = input.name.trim();
  if (name.length === 0 || name.length > 120) problems.push({ field: "name", key: "error.field_required" });
  const timezone = input.timezone ?? "Europe/Moscow";
  if (!isValidZone(timezone)) problems.push({ field: "timezone", key: "zone.unknown", params: { zone: timezone } });
  const locale = input.locale ?? "ru";
  if (!isLocale(locale)) problems.push({ field: "locale", key: "locale.unknown", params: { locale } });
  const currency = (input.currency ?? "RUB").toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) problems.push({ field: "currency", key: "currency.invalid", params: { currency } });
  if (input.ownerEmail !== undefined && !EMAIL.test(input.ownerEmail)) {
    problems.push({ field: "owner_email", key: "email.invalid", params: { email: input.ownerEmail } });
  }
  if ((input.ownerEmail === undefined) !== (input.ownerPassword === undefined)) {
    problems.push({ field: input.ownerEmail === undefined ? "owner_email" : "owner_password", key: "error.field_required" });
  }
  if (input.ownerPassword !== undefined && input.ownerPassword.length < MIN_PASSWORD_LENGTH) {
    problems.push({ field: "owner_password", key: "password.too_short", params: { min: MIN_PASSWORD_LENGTH } });
  }
  // issue 19: a URL is rebuilt from its parsed parts (scheme, host, port, path), never passed on as typed
  const dbUrl = input.dbUrl === undefined ? null : parseRemoteDbUrl(input.dbUrl);
  if (input.dbUrl !== undefined && !dbUrl) problems.push({ field: "db_url", key: "tenant.db_url_invalid", params: { url: redactUrl(input.dbUrl) } });
  if (problems.length > 0) throw new AppError("VALIDATION_ERROR", problems);
  return { name, timezone, locale: locale as Locale, currency, dbUrl: dbUrl ? formatDbUrl(dbUrl) : undefined };
}

export async function setTenantStatus(deps: Pick<TenantDeps, "registry">, slug: string, status: TenantRow["status"]): Promise<void> {
  if (!(await deps.registry.setStatus(slug, status))) {
    throw new AppError("NOT_FOUND", [{ field: "slug", key: "tenant.not_found", params: { slug } }]);
  }
}

export interface MigrationReport {
  slug: string;
  applied: string[];
  error?: string;
  /** Left alone, and why (issue 19: another version's or another instance's business). */
  skipped?: string;
}

export interface MigrateOptions {
  /** Only this tenant. */
  only?: string | undefined;
  /** Skip tenants the registry records as current (how `serve` starts without opening them all). */
  behindOnly?: boolean;
}

/**
 * Brings every tenant (or one) to the latest schema. Each tenant is independent: one failing
 * migration leaves that tenant at its previous file and is reported, the others still migrate.
 */
export async function migrateTenants(deps: TenantDeps, options: MigrateOptions = {}): Promise<MigrationReport[]> {
  const { only } = options;
  const rows = only ? [await deps.registry.get(only)] : await deps.registry.list();
  if (only && !rows[0]) throw new AppError("NOT_FOUND", [{ field: "slug", key: "tenant.not_found", params: { slug: only } }]);
  const reports: MigrationReport[] = [];
  for (const row of rows) {
    if (!row || (options.behindOnly && row.schemaVersion === LATEST_TENANT_MIGRATION)) continue;
    // issue 19: a newer instance migrated it (a rolling upgrade): not ours to touch, and no reason
    // for this instance to stop serving the others
    if (isNewerSchema(row.schemaVersion)) {
      reports.push({ slug: row.slug, applied: [], skipped: `its schema (${row.schemaVersion}) is newer than this binary` });
      continue;
    }
    const db = await openDatabase({ url: tenantDbUrl(deps.dataDir, row), authToken: row.dbToken ?? undefined });
    try {
      reports.push({ slug: row.slug, applied: await migrateOpenTenant(deps.registry, row.slug, db, deps.clock) });
    } catch (e) {
      if (e instanceof AppError && e.code === "TENANT_UNAVAILABLE") reports.push({ slug: row.slug, applied: [], skipped: "newer than this binary, or being migrated by another instance" });
      else reports.push({ slug: row.slug, applied: [], error: e instanceof Error ? e.message : String(e) });
    } finally {
      db.close();
    }
  }
  return reports;
}

