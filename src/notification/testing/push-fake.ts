// A loopback push service (issue 16) that checks what a real one checks and reads what a browser
// reads, with the real algorithms: the VAPID JWT (RFC 8292: ES256 over header.payload, verified
// with the "k" key of the Authorization header, audience = the push service's origin, expiry within
// a day) and the aes128gcm payload (RFC 8188 + RFC 8291), decrypted with the subscription's private
// key and auth secret, which only the "browser" of the test holds. Answers 201 Created, or the
// status a test asks for (410 Gone for an expired subscription).
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from "node:crypto";
import type { FakeServer } from "./fakes.ts";

/** A browser's push subscription, as the test's "browser" made it. */
export interface TestBrowser {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ECDH;
  authSecret: Buffer;
}

export interface ReceivedPush {
  endpoint: string;
  /** The decrypted payload. */
  text: string;
  /** The VAPID public key the push was signed with ("k"). */
  vapidKey: string;
  jwt: { aud: string; exp: number; sub: string };
}

export interface PushFake extends FakeServer<ReceivedPush> {
  /** A new browser subscribed at this push service (its own key pair and auth secret). */
  browser(): TestBrowser;
  /** Answer pushes to this endpoint with this status from now on. */
  answer(endpoint: string, status: number): void;
}

const b64 = (s: string) => Buffer.from(s, "base64url");

/** The VAPID Authorization header checked; the reason it is refused, or its parts. */
function checkVapid(header: string | null, origin: string): ReceivedPush["jwt"] & { key: string } | string {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? "");
  if (!match) return "no vapid authorization";
  const [h, p, s] = match[1]!.split(".") as [string, string, string];
  const head = JSON.parse(b64(h).toString()) as { alg?: string; typ?: string };
  if (head.alg !== "ES256") return "alg is not ES256";
  const raw = b64(match[2]!);
  if (raw.length !== 65 || raw[0] !== 4) return "k is not a P-256 public key";
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33).toString("base64url") }, format: "jwk" });
  // JWS ES256 signatures are r||s (IEEE P1363), not DER
  if (!verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, b64(s))) return "bad signature";
  const claims = JSON.parse(b64(p).toString()) as ReceivedPush["jwt"];
  const now = Date.now() / 1000;
  if (claims.aud !== origin) return `aud ${claims.aud} is not ${origin}`;
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600 + 60)) return "exp out of range";
  if (!/^(mailto:|https:)/.test(claims.sub)) return "sub is not mailto: or https:";
  return { ...claims, key: match[2]! };
}

/** RFC 8291 §3.4 / RFC 8188: one aes128gcm record decrypted by the user agent. */
function decrypt(body: Buffer, browser: TestBrowser): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20]!;
  const senderKey = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const shared = browser.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), browser.ecdh.getPublicKey(), senderKey]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, browser.authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // the last record ends with the delimiter 0x02, then zero padding
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("no last-record delimiter");
  return padded.subarray(0, end).toString("utf8");
}

export function startPushFake(): PushFake {
  const received: ReceivedPush[] = [];
  const browsers = new Map<string, TestBrowser>();
  const statuses = new Map<string, number>();
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const url = new URL(request.url);
      const endpoint = url.href;
      const browser = browsers.get(endpoint);
      if (request.method !== "POST" || !browser) return new Response("no such subscription", { status: 404 });
      if (request.headers.get("content-encoding") !== "aes128gcm" || !request.headers.get("ttl")) return new Response("bad headers", { status: 400 });
      const vapid = checkVapid(request.headers.get("authorization"), url.origin);
      if (typeof vapid === "string") return new Response(vapid, { status: 403 });
      const status = statuses.get(endpoint);
      if (status) return new Response(null, { status });
      const text = decrypt(Buffer.from(await request.arrayBuffer()), browser);
      received.push({ endpoint, text, vapidKey: vapid.key, jwt: { aud: vapid.aud, exp: vapid.exp, sub: vapid.sub } });
      return new Response(null, { status: 201, headers: { location: `${url.origin}/message/${received.length}` } });
    },
  });
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    url: origin,
    received,
    browser() {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      const endpoint = `${origin}/push/${randomBytes(8).toString("hex")}`;
      const made = { endpoint, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: authSecret.toString("base64url") }, ecdh, authSecret };
      browsers.set(endpoint, made);
      return made;
    },
    answer(endpoint, status) {
      statuses.set(endpoint, status);
    },
    close: async () => void (await server.stop(true)),
  };
}
