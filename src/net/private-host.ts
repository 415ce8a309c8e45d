/**
 * The guard for endpoints a salon types (its SMTP server today, outgoing webhooks next): a salon
 * owner must not make the server talk to the operator's own network (loopback, private ranges,
 * link-local cloud metadata at 169.254.169.254, …). Checked twice: on the name as typed when the
 * setting is saved, and on every address the name resolves to just before connecting, because DNS
 * can point a public-looking name anywhere (and change it after the save). The caller then
 * connects to the address checked here, not to the name again.
 * The operator may allow such hosts (ZAPIS_ALLOW_PRIVATE_HOSTS=1, read by src/config).
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the local host
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) blocked.addSubnet(net, prefix, "ipv6");

/** Loopback, private, link-local or otherwise not a public internet address. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, "ipv4");
  if (family !== 6) return false;
  // an IPv4 address inside IPv6 (::ffff:127.0.0.1, NAT64 64:ff9b::7f00:1) is that IPv4 address
  const embedded = embeddedIpv4(bare);
  return embedded !== null ? blocked.check(embedded, "ipv4") : blocked.check(bare, "ipv6");
}

/**
 * The name as typed, without DNS: an IP literal in a private range, or a name that means this
 * machine. IPv4 written oddly (2130706433, 0x7f.1) is normalised the way resolvers read it.
 */
export function isPrivateHostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  return isPrivateAddress(canonicalIpv4(name) ?? name);
}

/** Every address a name resolves to (the system resolver, as connecting would use it). */
export type Resolver = (host: string) => Promise<Array<{ address: string }>>;
const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

export class PrivateHostError extends Error {
  constructor(readonly host: string) {
    super(`${host} is (or resolves to) a loopback, private or link-local address`);
  }
}

/**
 * The address to connect to for `host`: every address it resolves to must be public (one private
 * answer is enough to refuse: a client could pick it). With `allowPrivate` the name is passed on.
 */
export async function publicAddressOf(host: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<string> {
  if (allowPrivate) return host;
  if (isPrivateHostName(host)) throw new PrivateHostError(host);
  const answers = await resolve(host);
  if (answers.length === 0 || answers.some((a) => isPrivateAddress(a.address))) throw new PrivateHostError(host);
  return answers[0]!.address;
}

function embeddedIpv4(ipv6: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(ipv6);
  if (!m) return null;
  if (m[1]) return m[1];
  const [hi, lo] = [parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** `2130706433`, `0177.1`, `0x7f.0.0.1` → `127.0.0.1` (the WHATWG host parser reads IPv4 as resolvers do). */
function canonicalIpv4(name: string): string | null {
  if (!/^[0-9a-fx.]+$/i.test(name)) return null;
  const parsed = URL.parse(`http://${name}/`)?.hostname ?? null;
  return parsed !== null && isIP(parsed) === 4 ? parsed : null;
}
