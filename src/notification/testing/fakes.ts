// Loopback stand-ins for the outside services, speaking their real wire formats: SMS.ru's JSON
// (sms/send with json=1), the Telegram Bot API envelope, and real SMTP via the smtp-server package.
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export interface FakeServer<T> {
  url: string;
  received: T[];
  close(): Promise<void>;
}

export interface SmsRequest {
  apiId: string;
  to: string;
  msg: string;
  from: string | null;
}

export interface SmsRuFakeOptions {
  /** The JSON answer for a request; the default accepts it with a fresh sms_id. */
  answer?: (request: SmsRequest, n: number) => unknown;
  /** Never answer this request (the connection hangs until the client gives up or dies). */
  stall?: (request: SmsRequest, n: number) => boolean;
  balance?: number;
  /** The JSON answer of my/balance for an api_id; the default reports `balance`. */
  balanceAnswer?: (apiId: string) => unknown;
  /** Answer after this long, like a real provider a network away. */
  delayMs?: number;
}

export function startSmsRuFake(options: SmsRuFakeOptions = {}): FakeServer<SmsRequest> {
  const received: SmsRequest[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const path = new URL(request.url).pathname;
      if (path === "/my/balance") {
        const apiId = new URLSearchParams(await request.text()).get("api_id") ?? "";
        return Response.json(options.balanceAnswer?.(apiId) ?? { status: "OK", status_code: 100, balance: options.balance ?? 4122.56 });
      }
      if (path !== "/sms/send") return new Response("not found", { status: 404 });
      const form = new URLSearchParams(await request.text());
      const sms: SmsRequest = { apiId: form.get("api_id") ?? "", to: form.get("to") ?? "", msg: form.get("msg") ?? "", from: form.get("from") };
      received.push(sms);
      const n = received.length;
      if (options.stall?.(sms, n)) return new Promise<Response>(() => {});
      if (options.delayMs) await Bun.sleep(options.delayMs);
      const body = options.answer?.(sms, n) ?? {
        status: "OK",
        status_code: 100,
        sms: { [sms.to]: { status: "OK", status_code: 100, sms_id: `000000-${String(n).padStart(6, "0")}` } },
        balance: options.balance ?? 4122.56,
      };
      return Response.json(body);
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, received, close: async () => void (await server.stop(true)) };
}

export interface TelegramRequest {
  token: string;
  chatId: string;
  text: string;
}

export interface TelegramFakeOptions {
  /** chat ids that blocked the bot: answered with the Bot API's 403. */
  blocked?: ReadonlySet<string>;
}

export function startTelegramFake(options: TelegramFakeOptions = {}): FakeServer<TelegramRequest> {
  const received: TelegramRequest[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const match = /^\/bot([^/]+)\/sendMessage$/.exec(new URL(request.url).pathname);
      if (!match) return Response.json({ ok: false, error_code: 404, description: "Not Found" }, { status: 404 });
      const body = (await request.json()) as { chat_id: string | number; text: string };
      const chatId = String(body.chat_id);
      received.push({ token: match[1]!, chatId, text: body.text });
      if (options.blocked?.has(chatId)) {
        return Response.json({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }, { status: 403 });
      }
      return Response.json({ ok: true, result: { message_id: received.length, chat: { id: Number(chatId), type: "private" }, date: 0, text: body.text } });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, received, close: async () => void (await server.stop(true)) };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** When the server accepted it (epoch ms): the end of a delivery, for latency measurements. */
  at: number;
  /** The SMTP session (one per connection) it came over. */
  session: string;
}

export interface SmtpFakeOptions {
  /** SMTP reply for RCPT TO of this address, e.g. [550, "no such user"]. */
  rejectRecipient?: (address: string) => [code: number, text: string] | null;
  /** Answer DATA with this temporary failure the first `times` times. */
  tempFailData?: { times: number };
  /** Accept the connection and never greet (a hung server). */
  hang?: boolean;
}

/** A real SMTP server on loopback (no TLS, any login), collecting every message it accepts. */
export async function startSmtpFake(options: SmtpFakeOptions = {}): Promise<FakeServer<ReceivedMail>> {
  const received: ReceivedMail[] = [];
  let dataFailures = 0;
  const config: SMTPServerOptions = {
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    // close() ends at once: pooled clients keep idle connections open, and a fake never waits on them
    closeTimeout: 100,
    onConnect(_session, callback) {
      if (options.hang) return; // never call back: the client waits for a greeting
      callback();
    },
    onRcptTo(address, _session, callback) {
      const reject = options.rejectRecipient?.(address.address);
      if (!reject) return callback();
      const error = new Error(reject[1]) as Error & { responseCode: number };
      error.responseCode = reject[0];
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (options.tempFailData && dataFailures < options.tempFailData.times) {
          dataFailures++;
          const error = new Error("try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          at: Date.now(),
          session: session.id,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(config);
  server.on("error", () => undefined); // a sender that goes away resets its pooled connections
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
