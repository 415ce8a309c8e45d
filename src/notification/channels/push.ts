/**
 * Web Push (RFC 8030): the message, encrypted for each of the client's browsers (RFC 8291,
 * aes128gcm) and signed with the salon's VAPID key (RFC 8292) by the `web-push` package, POSTed to
 * the browser's push service. The request is sent with fetch, like every other provider call, so it
 * has the same timeout and the same "never twice" classification. A subscription the push service
 * calls gone (404, 410) is forgotten.
 */
import { isPushEndpoint } from "../../push/endpoint.ts";
import type { VapidKeys } from "../../push/vapid.ts";
import { networkOutcome, PROVIDER_TIMEOUT_MS, type SendOutcome } from "./outcome.ts";

export interface PushTarget {
  id: number;
  endpoint: string;
  p256dh: string;
  authSecret: string;
}

export interface PushMessage {
  title: string;
  body: string;
  /** Opened when the notification is clicked. */
  url: string;
}

/** How long a push service keeps a push for a browser that is offline: a reminder a day ahead at most. */
const TTL_SECONDS = 24 * 3600;

async function pushOne(target: PushTarget, payload: string, vapid: VapidKeys & { subject: string }): Promise<SendOutcome & { gone?: boolean }> {
  // imported with the first push, not at every start (with its crypto dependencies ~20 ms CPU and
  // ~13 MB of RSS in a compiled binary of its own, measured for issue 20)
  const { default: webpush } = await import("web-push");
  const request = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.authSecret } }, payload, {
    vapidDetails: vapid,
    TTL: TTL_SECONDS,
    contentEncoding: "aes128gcm",
  });
  let response: Response;
  try {
    response = await fetch(request.endpoint, {
      method: "POST",
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
      body: new Uint8Array(request.body as Buffer),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (error) {
    return networkOutcome("push", error);
  }
  const error = `push: HTTP ${response.status}`;
  if (response.status >= 200 && response.status < 300) return { kind: "sent", providerMessageId: response.headers.get("location") };
  if (response.status === 404 || response.status === 410) return { kind: "failed", error: `${error} (subscription gone)`, gone: true };
  if (response.status === 429 || response.status >= 500) return { kind: "retry", error };
  return { kind: "failed", error };
}

/**
 * Sends `message` to every browser of the client. Sent when one took it; otherwise the worst of the
 * rest: unknown (may have arrived) over retry over failed. With no browser left, the client is
 * unreachable here and the next channel is tried. `forget` is called for each gone subscription.
 */
export async function sendPush(
  targets: readonly PushTarget[],
  message: PushMessage,
  vapid: VapidKeys & { subject: string },
  options: { allowPrivateHosts: boolean; forget(id: number): Promise<unknown> },
): Promise<SendOutcome> {
  const payload = JSON.stringify(message);
  const outcomes = await Promise.all(
    targets.filter((t) => isPushEndpoint(t.endpoint, options.allowPrivateHosts)).map(async (t) => {
      const outcome = await pushOne(t, payload, vapid);
      if (outcome.gone) await options.forget(t.id);
      return outcome;
    }),
  );
  const sent = outcomes.find((o) => o.kind === "sent");
  if (sent) return sent;
  const worst = outcomes.find((o) => o.kind === "unknown") ?? outcomes.find((o) => o.kind === "retry");
  if (worst) return worst;
  return { kind: "failed", error: outcomes[0]?.kind === "failed" ? outcomes[0].error : "push: the client has no browser subscribed", recipient: true };
}
