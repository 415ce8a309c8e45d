import { Command, Option } from "commander";
import { ROLES } from "../../src/account/schema.ts";
import { addUser, listUsers, resetPassword, type UserDeps } from "../../src/account/users.ts";
import { AppError } from "../../src/error/app-error.ts";
import { openRuntime } from "../runtime.ts";
import { flagsOf } from "./shared.ts";

/** Opens the runtime and the tenant named by --tenant, runs `fn`, closes everything. */
async function withTenant(command: Command, slug: string, fn: (deps: UserDeps) => Promise<void>): Promise<void> {
  const rt = await openRuntime(flagsOf(command));
  try {
    const open = await rt.tenants.get(slug);
    if (!open) throw new AppError("NOT_FOUND", [{ field: "tenant", key: "tenant.not_found", params: { slug } }]);
    await fn({ db: open.db, clock: rt.clock });
  } finally {
    rt.close();
  }
}

/** `zapis user …`: the salon's sign-ins (owner, managers, masters), from the command line. */
export function userCommand(): Command {
  const user = new Command("user").description("manage a salon's admin accounts");

  user
    .command("create")
    .description("add an admin account to a salon")
    .requiredOption("--tenant <slug>", "the salon")
    .requiredOption("--email <email>", "sign-in e-mail")
    .requiredOption("--password <password>", "password (min 8 characters)")
    .addOption(new Option("--role <role>", "what the account may do").choices([...ROLES]).default("staff"))
    .option("--name <name>", "how the account is shown")
    .option("--staff-id <id>", "the master this account is (required for --role staff)")
    .action(async (opts: { tenant: string; email: string; password: string; role: string; name?: string; staffId?: string }, command: Command) =>
      withTenant(command, opts.tenant, async (deps) => {
        const staffId = opts.staffId === undefined ? undefined : Number(opts.staffId);
        if (staffId !== undefined && !Number.isInteger(staffId)) {
          throw new AppError("VALIDATION_ERROR", [{ field: "staff_id", key: "account.staff_unknown", params: { id: opts.staffId ?? "" } }]);
        }
        const id = await addUser(deps, { email: opts.email, password: opts.password, role: opts.role, name: opts.name, staffId });
        console.log(`created ${opts.role} account #${id} ${opts.email.toLowerCase()} in '${opts.tenant}'`);
      }),
    );

  user
    .command("reset-password")
    .description("set a new password for an account and sign it out everywhere")
    .requiredOption("--tenant <slug>", "the salon")
    .requiredOption("--email <email>", "the account's e-mail")
    .requiredOption("--password <password>", "the new password (min 8 characters)")
    .action(async (opts: { tenant: string; email: string; password: string }, command: Command) =>
      withTenant(command, opts.tenant, async (deps) => {
        await resetPassword(deps, opts);
        console.log(`password of ${opts.email.toLowerCase()} in '${opts.tenant}' reset; its sessions were ended`);
      }),
    );

  user
    .command("list")
    .description("list a salon's admin accounts")
    .requiredOption("--tenant <slug>", "the salon")
    .action(async (opts: { tenant: string }, command: Command) =>
      withTenant(command, opts.tenant, async (deps) => {
        for (const u of await listUsers(deps.db.orm)) {
          console.log(`${String(u.id).padStart(4)}  ${u.role.padEnd(8)} ${u.email}${u.staffId ? `  master #${u.staffId}` : ""}${u.disabled ? "  (disabled)" : ""}`);
        }
      }),
    );

  return user;
}
