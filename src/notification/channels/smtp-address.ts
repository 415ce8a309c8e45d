/**
 * An SMTP address as Zapis reads it: smtp:// or smtps://, a host, a port, a login — nothing else.
 * nodemailer turns a URL's query into transport options (`?sendmail=true&path=/bin/sh` runs a
 * program), so a URL never reaches it: this parser takes the five parts we use and refuses a URL
 * with anything more, and the mailer builds its transport from them.
 */
import { isIP } from "node:net";

export interface SmtpServer {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://, port 465 by default); otherwise STARTTLS when offered. */
  secure: boolean;
  user: string | null;
  password: string | null;
}

const MAX_LENGTH = 500;
// a DNS name (letters, digits, dashes, dots), an IPv4 address, or a bracketed IPv6 address
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** The server an smtp(s):// URL names, or null for anything else (query, fragment, path, other scheme). */
export function parseSmtpUrl(text: string): SmtpServer | null {
  if (text.length > MAX_LENGTH || /[?#\s]/.test(text)) return null;
  const url = URL.parse(text);
  if (!url || (url.protocol !== "smtp:" && url.protocol !== "smtps:")) return null;
  if (url.pathname !== "" && url.pathname !== "/") return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!host || !(HOST.test(host) || isIP(host) === 6)) return null;
  const secure = url.protocol === "smtps:";
  const port = url.port === "" ? (secure ? 465 : 587) : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  const user = decode(url.username);
  const password = decode(url.password);
  if (user === undefined || password === undefined) return null;
  return { host: host.toLowerCase(), port, secure, user, password };
}

/** The one way a server is written back as a URL (stored in the salon's settings). */
export function smtpUrlOf(server: SmtpServer): string {
  const host = isIP(server.host) === 6 ? `[${server.host}]` : server.host;
  const login = server.user ? `${encodeURIComponent(server.user)}${server.password ? `:${encodeURIComponent(server.password)}` : ""}@` : "";
  return `${server.secure ? "smtps" : "smtp"}://${login}${host}:${server.port}`;
}

/** Percent-decoded userinfo part; undefined when it does not decode or holds a line break. */
function decode(part: string): string | null | undefined {
  if (part === "") return null;
  try {
    const value = decodeURIComponent(part);
    return /[\r\n\0]/.test(value) ? undefined : value;
  } catch {
    return undefined;
  }
}
