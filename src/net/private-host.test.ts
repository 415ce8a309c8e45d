import { describe, expect, test } from "bun:test";
import { isPrivateAddress, isPrivateHostName, PrivateHostError, publicAddressOf } from "./private-host.ts";

describe("private hosts", () => {
  test("loopback, private, link-local and odd spellings of them are private; public addresses are not", () => {
    for (const host of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "[::1]", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "2130706433", "0x7f.1", "localhost", "db.localhost"]) {
      expect([host, isPrivateHostName(host)]).toEqual([host, true]);
    }
    for (const host of ["8.8.8.8", "172.32.0.1", "2a00:1450:4010::1", "smtp.yandex.ru"]) expect([host, isPrivateHostName(host)]).toEqual([host, false]);
    expect(isPrivateAddress("not an address")).toBe(false);
  });

  test("a public-looking name is refused when any address it resolves to is private; the checked address is returned", async () => {
    const dns = { "rebind.example": ["93.184.216.34", "10.0.0.5"], "mail.example": ["93.184.216.34"] } as Record<string, string[]>;
    const resolve = async (host: string) => (dns[host] ?? []).map((address) => ({ address }));
    expect(await publicAddressOf("mail.example", false, resolve)).toBe("93.184.216.34");
    expect(publicAddressOf("rebind.example", false, resolve)).rejects.toBeInstanceOf(PrivateHostError);
    expect(publicAddressOf("127.0.0.1", false, resolve)).rejects.toBeInstanceOf(PrivateHostError);
    // the operator allowed private hosts: the name is used as it is
    expect(await publicAddressOf("rebind.example", true, resolve)).toBe("rebind.example");
  });
});
