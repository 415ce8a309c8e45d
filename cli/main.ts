#!/usr/bin/env bun
// The compile entry of `zapis`: a CLI whose `serve` command is the server. Commands are thin
// adapters over the same src/ functions the HTTP routes call.
import { Command, CommanderError } from "commander";
import { ConfigError } from "../src/config/config.ts";
import { AppError } from "../src/error/app-error.ts";
import { t } from "../src/i18n/i18n.ts";
import { backupCommand, restoreCommand } from "./commands/backup.ts";
import { configCommand } from "./commands/config.ts";
import { importCommand } from "./commands/import.ts";
import { jobsCommand } from "./commands/jobs.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { serveCommand } from "./commands/serve.ts";
import { tenantCommand } from "./commands/tenant.ts";
import { userCommand } from "./commands/user.ts";
import { VERSION } from "./runtime.ts";
import { restrictNewFiles } from "../src/fs/private.ts";

// before any command creates a folder, database or backup: salon data is the operator's only
restrictNewFiles();

/** Exit codes: 0 ok, 1 runtime error, 2 usage error (bad flags or bad input). */
const EXIT = { ok: 0, runtime: 1, usage: 2 } as const;

const program = new Command("zapis")
  .description("Zapis: online booking for salons, in one binary")
  .version(VERSION)
  .option("--data <dir>", "data folder (platform.db and one folder per tenant); env ZAPIS_DATA", undefined)
  .showHelpAfterError("(run with --help for usage)");

const serve = serveCommand();
program.addCommand(serve);
program.addCommand(tenantCommand());
program.addCommand(userCommand());
program.addCommand(migrateCommand());
program.addCommand(configCommand());
program.addCommand(importCommand());
program.addCommand(jobsCommand());
program.addCommand(backupCommand()).addCommand(restoreCommand());
// The binary starts with a reluctant JIT (scripts/build.ts). `serve` sets the normal policy back once it
// listens; every other command at once, before its work: an import or a backup may loop for minutes.
program.hook("preAction", (_program, command) => {
  if (command !== serve) Bun.unsafe.setJITPolicy(1);
});
// commander exits by itself on usage errors unless every (sub)command is told not to
const overrideExit = (command: Command): void => {
  command.exitOverride();
  command.commands.forEach(overrideExit);
};
overrideExit(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = exitCodeFor(error);
});

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed the message (or the help / version)
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof AppError) {
    for (const p of error.problems) console.error(`error: ${t("en", p.key, p.params)}`);
    return error.code === "VALIDATION_ERROR" ? EXIT.usage : EXIT.runtime;
  }
  if (error instanceof ConfigError) {
    console.error(`error: ${error.message}`);
    return EXIT.usage;
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.runtime;
}
