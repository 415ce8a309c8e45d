import type { Command } from "commander";
import type { ConfigFlags } from "../../src/config/config.ts";

/** The global flags (e.g. --data) merged with a command's own, whatever the nesting. */
export function flagsOf(command: Command): ConfigFlags {
  return command.optsWithGlobals() as ConfigFlags;
}
