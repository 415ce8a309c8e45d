import { Command } from "commander";
import { loadConfig, redactedConfig } from "../../src/config/config.ts";
import { flagsOf } from "./shared.ts";

export const configCommand = () =>
  new Command("config")
    .description("print the configuration in force (secrets redacted) and check it")
    .action((_opts, command: Command) => {
      const config = loadConfig(process.env, flagsOf(command));
      console.log(JSON.stringify(redactedConfig(config), null, 2));
    });
