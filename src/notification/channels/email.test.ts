// The SMTP transport keeps its connections: a new connection per message costs a greeting (and the
// server's reverse lookup) each time, which under load made the sender the slowest part of a booking.
import { afterEach, expect, test } from "bun:test";
import { startSmtpFake, type FakeServer, type ReceivedMail } from "../testing/fakes.ts";
import { Mailer } from "./email.ts";

let smtp: FakeServer<ReceivedMail>;
const mailer = new Mailer();
afterEach(async () => {
  mailer.close();
  await smtp.close();
});

test("messages to one SMTP server, one after another, go over one pooled connection", async () => {
  smtp = await startSmtpFake();
  for (const n of [1, 2, 3]) {
    const outcome = await mailer.send({ url: smtp.url, from: "salon@example.com" }, { id: `<m${n}@zapis.test>`, to: `c${n}@example.com`, subject: "Запись", text: "Ждём вас" });
    expect(outcome.kind).toBe("sent");
  }
  expect(smtp.received.map((m) => m.to.join())).toEqual(["c1@example.com", "c2@example.com", "c3@example.com"]);
  expect(new Set(smtp.received.map((m) => m.session)).size).toBe(1);
});
