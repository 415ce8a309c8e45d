// Salon data is the operator's only: every folder and file the CLI creates (data folder, databases
// with their -wal/-shm, backups, pre-restore copies, exports) is closed to group and others, even
// when the shell's umask is the usual 022.
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zapis } from "../../test/serve.ts";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `root` and every path below it whose permission bits are not 0700 (folders) or 0600 (files). */
function tooOpen(root: string): string[] {
  const paths = [root, ...readdirSync(root, { recursive: true, encoding: "utf8" }).map((p) => join(root, p))];
  return paths.flatMap((path) => {
    const stat = statSync(path);
    const mode = stat.mode & 0o777;
    return mode === (stat.isDirectory() ? 0o700 : 0o600) ? [] : [`${path} ${mode.toString(8)}`];
  });
}

test("folders are created 0700 and files 0600 whatever the umask", () => {
  const previous = process.umask(0o022); // what a shell usually has; the CLI inherits it
  try {
    dir = mkdtempSync(join(tmpdir(), "zapis-modes-"));
    const data = join(dir, "data");
    const out = join(dir, "backups");
    const run = (args: string[]) => expect(zapis(data, args).code).toBe(0);
    run(["tenant", "create", "salon", "--name", "Лотос", "--demo"]);
    const file = zapis(data, ["backup", "salon", "--out", out]).stdout.trim();
    run(["restore", "salon", "--from", file, "--force"]);
    run(["tenant", "export", "salon", "--out", join(out, "salon.json")]);
    const created = [data, out].flatMap((root) => readdirSync(root, { recursive: true, encoding: "utf8" }));
    expect(created).toEqual(expect.arrayContaining(["platform.db", "salon", join("salon", "tenant.db"), "salon.json"]));
    expect(created.some((p) => p.endsWith(".bak"))).toBe(true);
    expect([...tooOpen(data), ...tooOpen(out)]).toEqual([]);
  } finally {
    process.umask(previous);
  }
}, 60_000);
