// A client generated from the OpenAPI document (openapi-typescript) compiles, with tsc, against a
// small usage file: the document is precise enough to build on (statuses, enums, nullables), not
// just valid. The @ts-expect-error lines fail the compile if a type degrades to any/unknown.
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { makeHarness } from "../../test/harness.ts";

const dir = mkdtempSync(join(tmpdir(), "zapis-client-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const USAGE = `
import type { paths } from "./api";

type B = "/api/v1/businesses/{slug}";
type Booking = paths[\`\${B}/bookings/{id}\`]["get"]["responses"][200]["content"]["application/json"]["booking"];
type NewBooking = NonNullable<paths[\`\${B}/bookings\`]["post"]["requestBody"]>["content"]["application/json"];
type Created = paths[\`\${B}/bookings\`]["post"]["responses"][201]["content"]["application/json"];
type Conflict = paths[\`\${B}/bookings\`]["post"]["responses"][409]["content"]["application/json"];
type Slots = paths[\`\${B}/availability\`]["get"]["responses"][200]["content"]["application/json"];
type NewWebhook = paths[\`\${B}/webhooks\`]["post"]["responses"][201]["content"]["application/json"];

export async function book(base: string, slug: string, body: NewBooking): Promise<Created | Conflict> {
  const res = await fetch(\`\${base}/api/v1/businesses/\${slug}/bookings\`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return (await res.json()) as Created | Conflict;
}

export const firstStart = (s: Slots): string | undefined => s.days[0]?.slots[0]?.start_ts;
export const isLive = (b: Booking): boolean => b.status === "pending" || b.status === "confirmed";
export const secretOf = (w: NewWebhook): string => w.secret;
export const masterOf = (b: Booking): number | null => b.services[0]?.staff_id ?? null;
export const manageUrl = (c: Created): string => c.booking.manage_url;

const request: NewBooking = { service_id: 1, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "Вера", phone: "+79161234567" } };
// @ts-expect-error a status the API never gives
export const lost: Booking["status"] = "lost";
// @ts-expect-error start_ts is required
export const noStart: NewBooking = { service_id: 1 };
// @ts-expect-error notes may be null: it is not a plain string
export const notes = (b: Booking): string => b.notes;
export { request };
`;

test("openapi-typescript generates a client from /api/docs/json that tsc compiles a usage file against", async () => {
  const h = await makeHarness();
  try {
    writeFileSync(join(dir, "openapi.json"), await (await h.request("/api/docs/json")).text());
  } finally {
    h.close();
  }
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve("openapi-typescript/package.json")), "bin", "cli.js");
  const generate = Bun.spawnSync([process.execPath, cli, join(dir, "openapi.json"), "-o", join(dir, "api.d.ts")], { stderr: "pipe", stdout: "pipe" });
  expect(generate.stderr.toString()).not.toContain("Error");
  expect(generate.exitCode).toBe(0);
  writeFileSync(join(dir, "usage.ts"), USAGE);
  const tsc = join(dirname(require.resolve("typescript/package.json")), "bin", "tsc");
  // run in the temp folder: the project's tsconfig is not this file's
  const compile = Bun.spawnSync([tsc, "--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "--lib", "es2022,dom", "--types", "", "usage.ts"], {
    cwd: dir,
    stdout: "pipe",
    stderr: "pipe",
  });
  expect(compile.stdout.toString() + compile.stderr.toString()).toBe("");
  expect(compile.exitCode).toBe(0);
}, 120_000);
