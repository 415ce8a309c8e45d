import { loadConfig, type Config, type ConfigFlags } from "../src/config/config.ts";
import { TenantConnections } from "../src/tenant/connections.ts";
import { Registry } from "../src/tenant/registry.ts";
import { registryOptions } from "../src/tenant/placement.ts";
import { systemClock, type Clock } from "../src/time/clock.ts";
import pkg from "../package.json" with { type: "json" };

export const VERSION: string = pkg.version;

export interface Runtime {
  config: Config;
  clock: Clock;
  registry: Registry;
  tenants: TenantConnections;
  close(): void;
}

/** Config, registry and tenant connections for one command; the same objects the server uses. */
export async function openRuntime(flags: ConfigFlags): Promise<Runtime> {
  const config = loadConfig(process.env, flags);
  const clock = systemClock;
  const registry = await Registry.open(registryOptions(config), clock.now());
  const tenants = new TenantConnections(
    registry,
    config.dataDir,
    { maxOpen: config.maxOpenTenants, idleMs: config.tenantIdleSeconds * 1000 },
    clock,
  );
  return {
    config,
    clock,
    registry,
    tenants,
    close() {
      tenants.closeAll();
      registry.close();
    },
  };
}
