import { describe, expect, test } from "bun:test";
import { ConfigError, loadConfig, redactedConfig } from "./config.ts";

describe("config", () => {
  test("defaults, and flags win over the environment", () => {
    const config = loadConfig({ PORT: "4000", ZAPIS_DATA: "/srv/zapis" }, { port: "5000" });
    expect(config.port).toBe(5000);
    expect(config.dataDir).toBe("/srv/zapis");
    expect(config.host).toBe("0.0.0.0");
    expect(config.publicUrl).toBe("http://localhost:5000");
  });

  test("every invalid value is reported at once, naming the variable", () => {
    const error = (() => {
      try {
        loadConfig({ PORT: "http", SMTP_URL: "mail.example.com", ZAPIS_MAX_OPEN_TENANTS: "0" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("PORT must be a whole number");
    expect(message).toContain("SMTP_URL must be smtp://");
    expect(message).toContain("ZAPIS_MAX_OPEN_TENANTS");
  });

  test("SMTP_URL is a server and a login, nothing more: a query (nodemailer options) is refused", () => {
    expect(() => loadConfig({ SMTP_URL: "smtp://x?sendmail=true&path=/bin/sh" })).toThrow("SMTP_URL must be smtp://");
    expect(loadConfig({ SMTP_URL: "smtp://mailer:pw@127.0.0.1:2525" }).smtpUrl).toBe("smtp://mailer:pw@127.0.0.1:2525");
  });

  test("private hosts for salon endpoints only when the operator says so", () => {
    expect(loadConfig({}).allowPrivateHosts).toBe(false);
    expect(loadConfig({ ZAPIS_ALLOW_PRIVATE_HOSTS: "1" }).allowPrivateHosts).toBe(true);
  });

  test("secrets are redacted when the config is printed", () => {
    const printed = JSON.stringify(redactedConfig(loadConfig({ SMTP_URL: "smtps://mailer:s3cr3t-pw@smtp.example.com:465" })));
    expect(printed).not.toContain("s3cr3t-pw");
    expect(printed).toContain("smtps://mailer:***@smtp.example.com:465");
  });
});
