import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Runs the CLI from source (the compiled binary is covered by cli/cli.test.ts).
let dir: string;
const main = join(import.meta.dir, "..", "main.ts");
function zapis(...args: string[]) {
  const run = Bun.spawnSync([process.execPath, main, "--data", dir, ...args], { env: { PATH: process.env.PATH ?? "" } });
  return { code: run.exitCode, out: run.stdout.toString(), err: run.stderr.toString() };
}

// Each run boots the CLI from source (~0.5 s), so this file needs more than the default 5 s.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zapis-user-cli-"));
  expect(zapis("tenant", "create", "acme", "--name", "Acme", "--demo", "--owner-email", "owner@acme.ru", "--owner-password", "owner-pass-1").code).toBe(0);
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("zapis user", () => {
  test("creates accounts, refuses bad ones with usage exit code 2, resets a password", () => {
    const ok = zapis("user", "create", "--tenant", "acme", "--email", "Manager@Acme.ru", "--password", "manager-pass", "--role", "manager");
    expect(ok.err).toBe("");
    expect(ok.out).toContain("created manager account");
    const master = zapis("user", "create", "--tenant", "acme", "--email", "anna@acme.ru", "--password", "anna-pass-1", "--role", "staff", "--staff-id", "2");
    expect(master.code).toBe(0);

    const dup = zapis("user", "create", "--tenant", "acme", "--email", "manager@acme.ru", "--password", "manager-pass", "--role", "manager");
    expect(dup.code).toBe(1);
    expect(dup.err).toContain("an account with e-mail manager@acme.ru already exists");
    const noMaster = zapis("user", "create", "--tenant", "acme", "--email", "x@acme.ru", "--password", "xxxx-xxxx", "--role", "staff");
    expect(noMaster.code).toBe(2);
    expect(noMaster.err).toContain("must be linked to a master");
    const short = zapis("user", "create", "--tenant", "acme", "--email", "y@acme.ru", "--password", "short", "--role", "manager");
    expect(short.code).toBe(2);
    expect(short.err).toContain("at least 8 characters");
    expect(zapis("user", "create", "--tenant", "nope", "--email", "z@acme.ru", "--password", "long-enough").err).toContain("Salon 'nope' not found");

    const list = zapis("user", "list", "--tenant", "acme").out;
    expect(list).toContain("owner    owner@acme.ru");
    expect(list).toContain("staff    anna@acme.ru  master #2");

    expect(zapis("user", "reset-password", "--tenant", "acme", "--email", "anna@acme.ru", "--password", "new-anna-pass").code).toBe(0);
    expect(zapis("user", "reset-password", "--tenant", "acme", "--email", "ghost@acme.ru", "--password", "new-anna-pass").err).toContain(
      "there is no account with e-mail ghost@acme.ru",
    );
  }, 30_000);
});
