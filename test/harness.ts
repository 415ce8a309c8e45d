// The ONE test harness: a temp data folder, a migrated tenant, a clock the test controls, and the
// real HTTP app driven through `app.handle(new Request(…))`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { issueApiToken } from "../src/account/api-token.ts";
import { loadConfig } from "../src/config/config.ts";
import type { Database } from "../src/db/database.ts";
import { createApp, type App, type AppDeps } from "../src/http/app.ts";
import { TenantConnections } from "../src/tenant/connections.ts";
import { Registry } from "../src/tenant/registry.ts";
import { createTenant, type CreateTenantInput } from "../src/tenant/tenant.ts";
import { manualClock, type ManualClock } from "../src/time/clock.ts";

/** Monday 2027-03-01 09:00 in Moscow (06:00 UTC): a fixed "now" far from any DST change. */
export const T0 = Date.UTC(2027, 2, 1, 6, 0);

export interface Harness {
  app: App;
  deps: AppDeps;
  clock: ManualClock;
  dataDir: string;
  slug: string;
  /** The tenant's open database (the same one the app uses). */
  db: Database;
  /** An owner API token for `Authorization: Bearer`. */
  token: string;
  /** Calls the app with a path relative to http://localhost. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** JSON helper: sends `body` as JSON with the owner token unless `auth: false`. */
  api(method: string, path: string, body?: unknown, opts?: { auth?: boolean; headers?: Record<string, string> }): Promise<Response>;
  close(): void;
}

export interface HarnessOptions {
  now?: number;
  tenant?: Partial<CreateTenantInput>;
  env?: Record<string, string>;
}

export async function makeHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), "zapis-test-"));
  const clock = manualClock(options.now ?? T0);
  const config = loadConfig({ ZAPIS_DATA: dataDir, ...options.env });
  const registry = await Registry.open(dataDir, clock.now());
  const tenants = new TenantConnections(registry, dataDir, { maxOpen: 50, idleMs: 60_000 }, clock);
  const slug = options.tenant?.slug ?? "salon";
  await createTenant({ registry, dataDir, clock }, { slug, name: "Test Salon", demo: true, ...options.tenant });
  const open = await tenants.get(slug);
  if (!open) throw new Error("harness tenant did not open");
  const token = await issueApiToken(open.db, { name: "test", role: "owner", now: clock.now() });
  const deps: AppDeps = { config, clock, registry, tenants, version: "test" };
  const app = createApp(deps);
  const request = (path: string, init?: RequestInit) => app.handle(new Request(`http://localhost${path}`, init));
  return {
    app,
    deps,
    clock,
    dataDir,
    slug,
    db: open.db,
    token,
    request,
    api: (method, path, body, opts = {}) =>
      request(path, {
        method,
        headers: {
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(opts.auth === false ? {} : { authorization: `Bearer ${token}` }),
          ...opts.headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    close() {
      tenants.closeAll();
      registry.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The fields a 400 names (`messages[].field`), sorted: what validation tests compare. */
export async function problemFields(res: Response): Promise<string[]> {
  const body = (await res.json()) as { messages?: Array<{ field?: string }> };
  return (body.messages ?? []).map((m) => m.field ?? "").sort();
}
