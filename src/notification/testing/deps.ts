import type { Clock } from "../../time/clock.ts";
import { Mailer, type MailerOptions } from "../channels/email.ts";
import type { DeliveryDeps } from "../delivery.ts";
import { deliveryDeps } from "../job.ts";

/**
 * Delivery wired to loopback fakes; close() releases the SMTP pool. `urls.smtp` is the operator's
 * SMTP_URL; a salon's own server on loopback is contacted only with `mailer.allowPrivateHosts`.
 */
export function fakeDeliveryDeps(
  clock: Clock,
  urls: { smtp?: string; smsRu?: string; telegram?: string },
  mailerOptions: MailerOptions = { allowPrivateHosts: false },
): DeliveryDeps & { close(): void } {
  const mailer = new Mailer(mailerOptions);
  const deps = deliveryDeps(
    { publicUrl: "http://localhost:3000", smtpUrl: urls.smtp ?? null, smtpFrom: "Salon <salon@example.com>" },
    clock,
    mailer,
    { smsRu: urls.smsRu ?? "http://127.0.0.1:9", telegram: urls.telegram ?? "http://127.0.0.1:9" },
  );
  return { ...deps, close: () => mailer.close() };
}

/** Decodes base64 and quoted-printable parts so a test can read a raw MIME message as text. */
export function readableMime(raw: string): string {
  const unbased = raw.replace(
    /(Content-Transfer-Encoding: base64\r\n\r\n)([A-Za-z0-9+/=\r\n]+)/g,
    (_, head: string, body: string) => head + Buffer.from(body.replace(/\r\n/g, ""), "base64").toString("latin1"),
  );
  const bytes = unbased.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}
