/**
 * Where a push may go. A subscription's endpoint comes from the browser of an anonymous client, so
 * it must not be able to point the server at anything: only https URLs of the browsers' push
 * services are accepted (Chrome/Edge via FCM, Firefox's autopush, Safari's, Windows'), never an
 * address of ours. With ZAPIS_ALLOW_PRIVATE_HOSTS (development, the tests' fake push service) a
 * loopback or private http(s) address is accepted too.
 */
import { isPrivateHostName } from "../net/private-host.ts";

const PUSH_SERVICES = ["fcm.googleapis.com", "updates.push.services.mozilla.com", "push.apple.com", "notify.windows.com"];

export function isPushEndpoint(endpoint: string, allowPrivateHosts: boolean): boolean {
  if (endpoint.length > 1000) return false;
  const url = URL.parse(endpoint);
  if (!url || url.username || url.password) return false;
  if (allowPrivateHosts && /^https?:$/.test(url.protocol) && isPrivateHostName(url.hostname)) return true;
  const host = url.hostname.toLowerCase();
  return url.protocol === "https:" && (url.port === "" || url.port === "443") && PUSH_SERVICES.some((s) => host === s || host.endsWith(`.${s}`));
}
