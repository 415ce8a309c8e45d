import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSmtpFake } from "../testing/fakes.ts";
import { Mailer, type MailerOptions } from "./email.ts";
import { parseSmtpUrl } from "./smtp-address.ts";

const message = { id: "<m1@zapis.test>", to: "client@example.com", subject: "Запись", text: "Вы записаны" };
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c(); // last opened, first closed
});
const mailer = (options: MailerOptions) => {
  const m = new Mailer(options);
  cleanups.push(() => m.close());
  return m;
};

describe("SMTP addresses", () => {
  test("only scheme, login, host and port are read: queries, fragments, paths and other schemes are refused", () => {
    expect(parseSmtpUrl("smtps://salon%40mail.ru:p%3Fw@smtp.mail.ru")).toEqual({ host: "smtp.mail.ru", port: 465, secure: true, user: "salon@mail.ru", password: "p?w" });
    expect(parseSmtpUrl("smtp://smtp.example.com")).toMatchObject({ port: 587, secure: false, user: null });
    for (const bad of ["smtp://x?sendmail=true&path=/bin/sh", "smtp://x/?pool=true", "smtp://x#frag", "smtp://x/path", "sendmail://x", "http://x", "smtp://x:99999", "smtp://a_b$c", "smtp://x?"]) {
      expect([bad, parseSmtpUrl(bad)]).toEqual([bad, null]);
    }
  });
});

describe("the mailer", () => {
  test("a salon's URL that asks nodemailer for sendmail runs nothing: it is refused before any transport exists", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zapis-rce-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const proof = join(dir, "pwned");
    const url = `smtp://x?sendmail=true&newline=unix&path=/bin/sh&args=-c&args=${encodeURIComponent(`id > ${proof}`)}`;
    const outcome = await mailer({ allowPrivateHosts: true }).send({ url, from: "salon@example.com", salon: true }, message);
    expect(outcome).toMatchObject({ kind: "failed", alert: { key: "notification.alert.email_server_refused" } });
    await Bun.sleep(200); // a spawned shell would have written by now
    expect(existsSync(proof)).toBe(false);
  });

  test("a salon's server on loopback is refused unless the operator allows private hosts; the operator's own is not checked", async () => {
    const smtp = await startSmtpFake();
    cleanups.push(() => smtp.close());
    const refused = await mailer({ allowPrivateHosts: false }).send({ url: smtp.url, from: "salon@example.com", salon: true }, message);
    expect(refused).toMatchObject({ kind: "failed", alert: { key: "notification.alert.email_server_refused" } });
    expect(smtp.received).toHaveLength(0);
    expect(await mailer({ allowPrivateHosts: false }).send({ url: smtp.url, from: "ops@example.com", salon: false }, message)).toMatchObject({ kind: "sent" });
    expect(await mailer({ allowPrivateHosts: true }).send({ url: smtp.url, from: "salon@example.com", salon: true }, message)).toMatchObject({ kind: "sent" });
    expect(smtp.received).toHaveLength(2);
  });

  test("a server that accepts the connection and never answers fails the send within the greeting timeout, for a retry", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket)); // never writes a greeting
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => silent.close(resolve));
    });
    const port = (silent.address() as { port: number }).port;
    const quick = mailer({ allowPrivateHosts: false, timeouts: { connectionMs: 1_000, greetingMs: 300, socketMs: 1_000 } });
    const started = performance.now();
    const outcome = await quick.send({ url: `smtp://127.0.0.1:${port}`, from: "ops@example.com", salon: false }, message);
    const tookMs = performance.now() - started;
    expect(sockets.length).toBeGreaterThan(0);
    expect(outcome.kind).toBe("retry");
    // nodemailer's own default waits 30 s for a greeting; generous bound for a loaded machine
    expect(tookMs).toBeLessThan(10_000);
  }, 30_000);

  // a new connection per message costs a greeting (and the server's reverse lookup) each time,
  // which under load made the sender the slowest part of a booking
  test("messages to one SMTP server, one after another, go over one pooled connection", async () => {
    const smtp = await startSmtpFake();
    cleanups.push(() => smtp.close());
    const pooled = mailer({ allowPrivateHosts: false });
    for (const n of [1, 2, 3]) {
      const outcome = await pooled.send({ url: smtp.url, from: "ops@example.com", salon: false }, { ...message, id: `<m${n}@zapis.test>`, to: `c${n}@example.com` });
      expect(outcome.kind).toBe("sent");
    }
    expect(smtp.received.map((m) => m.to.join())).toEqual(["c1@example.com", "c2@example.com", "c3@example.com"]);
    expect(new Set(smtp.received.map((m) => m.session)).size).toBe(1);
  });
});
