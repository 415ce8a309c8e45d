// Where databases live on a libSQL server (sqld, Turso). An operator or a salon-creating script
// types these URLs; they are parsed into the allowed fields and rebuilt from them, so nothing but a
// scheme, a host, a port and a path ever reaches the client (no credentials, query or fragment: the
// token is a separate setting, never part of a URL that gets printed or logged).

const SCHEMES = new Set(["libsql", "http", "https", "ws", "wss"]);
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$|^\[[0-9a-f:.]+\]$/;
const PATH = /^(?:\/[A-Za-z0-9._~-]+)*\/?$/;
// What stands for the slug while a template is parsed: valid in a host label and in a path.
const SLUG_MARK = "zapis-slug-mark";

export interface RemoteDbUrl {
  scheme: string;
  host: string;
  port: number | null;
  path: string;
}

/** `scheme://host[:port][/path]` from a string, or null when it has anything else (or another scheme). */
export function parseRemoteDbUrl(raw: string): RemoteDbUrl | null {
  const match = /^([a-z]+):\/\/([^/?#]*)([^?#]*)$/i.exec(raw.trim());
  if (!match) return null;
  const [, scheme, authority, path] = match as unknown as [string, string, string, string];
  if (!SCHEMES.has(scheme.toLowerCase()) || authority.includes("@")) return null;
  const hostPort = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(authority.toLowerCase());
  if (!hostPort) return null;
  const host = hostPort[1]!;
  const port = hostPort[2] === undefined ? null : Number(hostPort[2]);
  if (!HOST.test(host) || (port !== null && (port < 1 || port > 65_535)) || !PATH.test(path)) return null;
  return { scheme: scheme.toLowerCase(), host, port, path: path === "/" ? "" : path };
}

export const formatDbUrl = (url: RemoteDbUrl): string => `${url.scheme}://${url.host}${url.port === null ? "" : `:${url.port}`}${url.path}`;

/**
 * `ZAPIS_TENANT_DB_URL`: one database per salon on a libSQL server, `{slug}` standing for the
 * salon. sqld picks a namespace from the first label of the Host (`http://{slug}.db.example:8080`,
 * started with --enable-namespaces); Turso names databases `libsql://{slug}-<org>.turso.io`. The
 * slug may sit in the host or the path, exactly once; what replaces it is a validated slug only.
 */
export class TenantDbTemplate {
  private constructor(private readonly parts: RemoteDbUrl) {}

  static parse(raw: string): TenantDbTemplate | null {
    if (raw.split("{slug}").length !== 2) return null;
    const parts = parseRemoteDbUrl(raw.replace("{slug}", SLUG_MARK));
    return parts ? new TenantDbTemplate(parts) : null;
  }

  /** The database URL of `slug`, which the caller has validated (checkSlug). */
  urlFor(slug: string): string {
    const fill = (s: string) => s.replace(SLUG_MARK, slug);
    return formatDbUrl({ ...this.parts, host: fill(this.parts.host), path: fill(this.parts.path) });
  }

  /** The namespace sqld resolves for `slug` under this template: the first label of the host. */
  namespaceOf(slug: string): string | null {
    return this.parts.host.startsWith(`${SLUG_MARK}.`) ? slug : null;
  }

  toString(): string {
    return formatDbUrl(this.parts).replace(SLUG_MARK, "{slug}");
  }
}
