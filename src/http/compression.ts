/**
 * Compression of text responses (pages, fragments, CSS, JS, JSON, calendar files), negotiated by
 * Accept-Encoding: brotli when the client takes it, else gzip, else the plain body. Applied ONCE,
 * in app.ts, to every response the app answers.
 *
 * Most bodies repeat: the embedded assets, and public pages served from the page cache (a hit is
 * the same string again). So the compressed bytes are remembered by a hash of the plain body; a
 * repeat costs a hash, not a compression. Bodies that differ per request (a page with a CSRF token)
 * simply miss and are compressed each time (≈0.1–0.3 ms for a 20 KB page at these levels).
 */
import { Elysia } from "elysia";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export type Encoding = "br" | "gzip";

// Below this a compressed body saves less than its headers cost.
const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;
// Brotli 5 / gzip 6: most of the size win of the top levels at a small part of their CPU time.
const BROTLI_QUALITY = 5;

/** The encoding to answer with for an Accept-Encoding header, or null for none (q=0 refuses one). */
export function negotiateEncoding(header: string | null): Encoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(",")) {
    const [name = "", ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (e: Encoding) => accepted.get(e) ?? (accepted.has("*") ? accepted.get("*")! : 0);
  const best = (["br", "gzip"] as const).filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best ?? null;
}

function compressBody(encoding: Encoding, plain: Uint8Array): Uint8Array<ArrayBuffer> {
  const packed =
    encoding === "br"
      ? brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length } })
      : gzipSync(plain, { level: 6 });
  return new Uint8Array(packed); // its own ArrayBuffer: a zlib Buffer may share a pooled one
}

/**
 * One fixed body (a cached public page) ready to answer any request: its bytes and each encoding
 * compressed once, on first use, with the headers of each variant built once too. Answering costs
 * the negotiation and a Response: no hash, no copy, no compression (issue 20: the per-request
 * re-encoding of cached pages was half of what a cache hit cost).
 */
export class ReadyBody {
  private readonly plain: Uint8Array<ArrayBuffer>;
  // Headers objects, not records: a Response copies a Headers in ≈ 0.26 µs, builds one from a record
  // of these six in ≈ 0.72 µs (issue 20; each Response gets its own copy, so they are never shared).
  private readonly variants = new Map<Encoding | null, { bytes: Uint8Array<ArrayBuffer>; headers: Headers }>();

  constructor(
    body: string,
    private readonly status: number,
    private readonly headers: Record<string, string>,
  ) {
    this.plain = new TextEncoder().encode(body);
  }

  /** The answer to `request`, with `cookies` as Set-Cookie headers. */
  respond(request: Request, cookies: readonly string[] = []): Response {
    const wanted = this.plain.byteLength < MIN_BYTES ? null : negotiated(request.headers.get("accept-encoding"));
    let variant = this.variants.get(wanted);
    if (!variant) {
      variant = wanted
        ? { bytes: compressBody(wanted, this.plain), headers: new Headers({ ...this.headers, vary: "Accept-Encoding", "content-encoding": wanted }) }
        : { bytes: this.plain, headers: new Headers({ ...this.headers, vary: "Accept-Encoding" }) };
      this.variants.set(wanted, variant);
    }
    let response: Response;
    if (cookies.length === 0) response = new Response(variant.bytes, { status: this.status, headers: variant.headers });
    else {
      const headers = new Headers(variant.headers);
      for (const cookie of cookies) headers.append("set-cookie", cookie);
      response = new Response(variant.bytes, { status: this.status, headers });
    }
    answers.set(response, { body: this, cookies, headers: variant.headers });
    return response;
  }
}

// What each answer of a ReadyBody was built from, for readyAnswer.
const answers = new WeakMap<Response, { body: ReadyBody; cookies: readonly string[]; headers: Headers }>();

/**
 * The ReadyBody and cookies `response` was answered with, when it is still exactly that answer
 * (unread, no header added, changed or removed since); else null. What src/http/page-hits.ts may
 * answer again without the app.
 */
export function readyAnswer(response: Response): { body: ReadyBody; cookies: readonly string[] } | null {
  const built = answers.get(response);
  if (!built || response.bodyUsed) return null;
  const expected = new Headers(built.headers);
  for (const cookie of built.cookies) expected.append("set-cookie", cookie);
  const same = JSON.stringify([...expected]) === JSON.stringify([...response.headers]);
  return same ? { body: built.body, cookies: built.cookies } : null;
}

// Browsers send a handful of distinct Accept-Encoding values: parse each once.
const negotiations = new Map<string, Encoding | null>();
function negotiated(header: string | null): Encoding | null {
  if (header === null) return null;
  let encoding = negotiations.get(header);
  if (encoding === undefined) {
    encoding = negotiateEncoding(header);
    if (negotiations.size < 256) negotiations.set(header, encoding);
  }
  return encoding;
}

/** Compressed bodies by encoding + hash of the plain body, least recently used dropped first. */
class CompressedBodies {
  private readonly entries = new Map<string, Uint8Array<ArrayBuffer>>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(encoding: Encoding, plain: Uint8Array): Uint8Array<ArrayBuffer> {
    const key = `${encoding}|${plain.length}|${Bun.hash(plain).toString(36)}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compressBody(encoding, plain);
    this.entries.set(key, value);
    this.bytes += value.byteLength;
    for (const [old, body] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(old);
      this.bytes -= body.byteLength;
    }
    return value;
  }
}

/**
 * `response` compressed for `request`, or `response` itself when it should go as it is: then with
 * no promise of its own (issue 20: most answers of a busy salon are ReadyBody hits, already
 * negotiated).
 */
function compressResponse(request: Request, response: Response, cache: CompressedBodies): Response | Promise<Response> {
  const { headers } = response;
  if (headers.has("content-encoding") || !response.body || request.method === "HEAD" || !COMPRESSIBLE.test(headers.get("content-type") ?? "")) return response;
  // Already negotiated (a ReadyBody answered in plain for this client).
  if (headers.get("vary")?.includes("Accept-Encoding")) return response;
  // Caches must keep one copy per encoding, whether or not this answer is compressed.
  headers.append("vary", "Accept-Encoding");
  const encoding = negotiated(request.headers.get("accept-encoding"));
  return encoding ? compressed(response, encoding, cache) : response;
}

async function compressed(response: Response, encoding: Encoding, cache: CompressedBodies): Promise<Response> {
  const plain = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  const init = { status: response.status, statusText: response.statusText, headers };
  if (plain.byteLength < MIN_BYTES) return new Response(plain, init);
  headers.set("content-encoding", encoding);
  headers.delete("content-length");
  return new Response(cache.get(encoding, plain), init);
}

/**
 * The app-wide wrapper: every response the app answers (pages, errors, assets, API, Elysia's own
 * 404) passes here once, after everything else has shaped it.
 */
export function compression(maxCachedBytes = 16 * 1024 * 1024) {
  const cache = new CompressedBodies(maxCachedBytes);
  type Fetch = (request: Request) => Response | Promise<Response>;
  return new Elysia({ name: "compression" }).wrap((fetch) => (request: Request) => {
    const response = (fetch as unknown as Fetch)(request);
    return response instanceof Promise ? response.then((r) => compressResponse(request, r, cache)) : compressResponse(request, response, cache);
  });
}
