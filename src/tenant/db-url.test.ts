import { expect, test } from "bun:test";
import { ConfigError, loadConfig, redactedConfig } from "../config/config.ts";
import { parseRemoteDbUrl, TenantDbTemplate } from "./db-url.ts";

test("a database URL is taken apart into scheme, host, port and path, and nothing else passes", () => {
  expect(parseRemoteDbUrl("libsql://salon-org.turso.io")).toEqual({ scheme: "libsql", host: "salon-org.turso.io", port: null, path: "" });
  expect(parseRemoteDbUrl("HTTP://DB.example:8080/")).toEqual({ scheme: "http", host: "db.example", port: 8080, path: "" });
  expect(parseRemoteDbUrl("wss://[::1]:9000/v2")).toEqual({ scheme: "wss", host: "[::1]", port: 9000, path: "/v2" });
  for (const bad of [
    "file:/etc/passwd",
    "ftp://db.example",
    "http://user:pass@db.example",
    "http://db.example?authToken=x",
    "http://db.example#x",
    "http://db.example:0",
    "http://db.example:70000",
    "http://db_example",
    "http://db.example/../x%2f",
    "http://",
    " http://db.example\nx",
  ]) {
    expect([bad, parseRemoteDbUrl(bad)]).toEqual([bad, null]);
  }
});

test("a tenant URL template takes {slug} once, in the host or the path, and puts only the slug there", () => {
  const ns = TenantDbTemplate.parse("http://{slug}.db.example:8080")!;
  expect(ns.urlFor("salon-1")).toBe("http://salon-1.db.example:8080");
  expect(ns.namespaceOf("salon-1")).toBe("salon-1");
  expect(ns.toString()).toBe("http://{slug}.db.example:8080");
  const turso = TenantDbTemplate.parse("libsql://{slug}-acme.turso.io")!;
  expect(turso.urlFor("salon")).toBe("libsql://salon-acme.turso.io");
  expect(turso.namespaceOf("salon")).toBeNull();
  expect(TenantDbTemplate.parse("https://db.example/{slug}")!.urlFor("salon")).toBe("https://db.example/salon");
  for (const bad of ["http://db.example", "http://{slug}.{slug}.example", "http://x@{slug}.example", "http://{slug}.example?x=1", "file:{slug}.db"]) {
    expect([bad, TenantDbTemplate.parse(bad)]).toEqual([bad, null]);
  }
});

test("the scale-out settings are validated at boot and their secrets redacted", () => {
  const config = loadConfig({
    ZAPIS_REGISTRY_URL: "http://registry.db.example:8080",
    ZAPIS_REGISTRY_TOKEN: "registry-secret",
    ZAPIS_TENANT_DB_URL: "http://{slug}.db.example:8080",
    ZAPIS_TENANT_DB_TOKEN: "tenant-secret",
    ZAPIS_TENANT_ADMIN_URL: "http://db.example:9090",
    ZAPIS_TENANT_ADMIN_KEY: "admin-secret",
  });
  expect(config).toMatchObject({ registryUrl: "http://registry.db.example:8080", tenantDbUrl: "http://{slug}.db.example:8080", tenantAdminUrl: "http://db.example:9090" });
  const shown = JSON.stringify(redactedConfig(config));
  for (const secret of ["registry-secret", "tenant-secret", "admin-secret"]) expect(shown).not.toContain(secret);
  expect(() => loadConfig({ ZAPIS_REGISTRY_URL: "http://u:p@db.example" })).toThrow(ConfigError);
  expect(() => loadConfig({ ZAPIS_TENANT_DB_URL: "http://db.example" })).toThrow(/\{slug\}/);
  expect(() => loadConfig({ ZAPIS_TENANT_ADMIN_URL: "http://db.example:9090" })).toThrow(/needs ZAPIS_TENANT_DB_URL/);
  expect(() => loadConfig({ ZAPIS_TENANT_DB_URL: "https://db.example/{slug}", ZAPIS_TENANT_ADMIN_URL: "http://db.example:9090" })).toThrow(/first label/);
});
