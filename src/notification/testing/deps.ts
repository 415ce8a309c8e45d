import { afterEach, beforeEach } from "bun:test";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import type { Clock } from "../../time/clock.ts";
import { Mailer, type MailerOptions } from "../channels/email.ts";
import type { DeliveryDeps } from "../delivery.ts";
import { deliveryDeps } from "../job.ts";
import { startSmtpFake, type FakeServer, type ReceivedMail } from "./fakes.ts";

/**
 * Delivery wired to loopback fakes; close() releases the SMTP pool. `urls.smtp` is the operator's
 * SMTP_URL; a salon's own server on loopback is contacted only with `mailer.allowPrivateHosts`.
 */
export function fakeDeliveryDeps(
  clock: Clock,
  urls: { smtp?: string; smsRu?: string; telegram?: string; whatsapp?: string },
  mailerOptions: MailerOptions = { allowPrivateHosts: false },
): DeliveryDeps & { close(): void } {
  const mailer = new Mailer(mailerOptions);
  const deps = deliveryDeps(
    { publicUrl: "http://localhost:3000", smtpUrl: urls.smtp ?? null, smtpFrom: "Salon <salon@example.com>", whatsappApiUrl: urls.whatsapp ?? "http://127.0.0.1:9", allowPrivateHosts: true },
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

/**
 * The hooks of a test file about what a salon mails: for each test a fresh harness salon, a real
 * SMTP server on loopback as the operator's SMTP_URL, and delivery wired to it (then `prepare`).
 * Read the fields inside tests only.
 */
export function mailedSalon(prepare: (h: Harness) => Promise<unknown> = async () => {}): { readonly h: Harness; readonly smtp: FakeServer<ReceivedMail>; readonly deps: ReturnType<typeof fakeDeliveryDeps> } {
  let current: { h: Harness; smtp: FakeServer<ReceivedMail>; deps: ReturnType<typeof fakeDeliveryDeps> } | undefined;
  beforeEach(async () => {
    const h = await makeHarness();
    await prepare(h);
    const smtp = await startSmtpFake();
    current = { h, smtp, deps: fakeDeliveryDeps(h.clock, { smtp: smtp.url }) };
  });
  afterEach(async () => {
    current?.deps.close();
    await current?.smtp.close();
    current?.h.close();
  });
  return {
    get h() {
      return current!.h;
    },
    get smtp() {
      return current!.smtp;
    },
    get deps() {
      return current!.deps;
    },
  };
}
