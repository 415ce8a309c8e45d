/**
 * The YClients REST API as the importer needs it: the documented headers, the {success, data, meta}
 * envelope, a throttle under the 5 requests/second limit, back-off on 429 and retries on network
 * errors and 5xx. Tokens only ever travel in the Authorization header: no message or log line
 * carries them.
 */
import { AppError } from "../../error/app-error.ts";
import { obj, str, type Json, type JsonObject } from "./coerce.ts";


/** How long one YClients request may take before it is abandoned and retried. */
const REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_BASE_URL = "https://api.yclients.com";

/**
 * The API address as given on the command line, reduced to scheme, host and port (an optional
 * trailing /api/v1 is tolerated): no login, query or fragment rides along into our requests.
 * Null when it is anything else.
 */
export function apiBaseUrl(text: string): string | null {
  if (/[?#\s]/.test(text)) return null;
  const url = URL.parse(text);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) return null;
  if (!["", "/", "/api/v1", "/api/v1/"].includes(url.pathname)) return null;
  return url.origin;
}

/** A partner or user token: one opaque word, never a second header value or a line break. */
export const isApiToken = (value: string): boolean => /^[A-Za-z0-9_-]{4,128}$/.test(value);

export interface ApiOptions {
  /** Host of the API; "/api/v1" is added (and tolerated when already there). */
  baseUrl: string;
  partnerToken: string;
  userToken: string;
  /** The documented limit is 5 per second per IP. */
  requestsPerSecond?: number;
  /** Tries per request, the first included, before giving up on 429 / 5xx / network errors. */
  maxAttempts?: number;
  /** First retry delay; doubles on each retry. */
  backoffMs?: number;
  fetch?: (request: Request) => Promise<Response>;
  sleep?: (ms: number) => Promise<void>;
}

export interface Envelope {
  data: Json;
  /** `meta` is an object, or PHP's `[]` for an empty one: read as null then. */
  meta: JsonObject | null;
}

/** How often the importer had to wait or retry: reported so an operator sees a struggling run. */
export interface ApiStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

// A sliding window slightly longer than a second. Each request's place in it counts from when its
// answer arrived (the server saw it no later than that), so however late a request travels, no
// sixth one can reach the server inside the server's own second.
const WINDOW_MS = 1_050;

export class YClientsApi {
  readonly stats: ApiStats = { requests: 0, retries: 0, rateLimited: 0 };
  private readonly base: string;
  /** When recent answers arrived, oldest first; a request in flight counts until it lands. */
  private readonly answered: number[] = [];
  private inFlight = 0;
  private readonly limit: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly fetchFn: (request: Request) => Promise<Response>;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ApiOptions) {
    this.base = `${options.baseUrl.replace(/\/+$/, "").replace(/\/api\/v1$/, "")}/api/v1`;
    this.limit = options.requestsPerSecond ?? 5;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.backoffMs = options.backoffMs ?? 500;
    this.fetchFn = options.fetch ?? ((request) => fetch(request));
    this.sleep = options.sleep ?? ((ms) => Bun.sleep(ms));
  }

  get(path: string, query: Record<string, string | number | undefined> = {}): Promise<Envelope> {
    const url = new URL(`${this.base}${path}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.append(key, String(value));
    return this.send(url, "GET");
  }

  post(path: string, body: unknown): Promise<Envelope> {
    return this.send(new URL(`${this.base}${path}`), "POST", JSON.stringify(body));
  }

  private async send(url: URL, method: string, body?: string): Promise<Envelope> {
    for (let attempt = 1; ; attempt++) {
      await this.throttle();
      this.stats.requests++;
      let response: Response;
      try {
        // a request that hangs counts as a network error: retried, then reported
        const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
        response = await this.fetchFn(new Request(url, { method, headers: this.headers(), signal, ...(body ? { body } : {}) }));
      } catch (e) {
        this.landed();
        if (attempt >= this.maxAttempts) throw new Error(`YClients did not answer ${method} ${url.pathname} after ${attempt} tries (${describe(e)})`);
        await this.retryAfter(attempt, null);
        continue;
      }
      this.landed();
      if (response.status === 429 || response.status >= 500) {
        if (response.status === 429) this.stats.rateLimited++;
        if (attempt >= this.maxAttempts) {
          if (response.status === 429) throw new AppError("RATE_LIMITED", [{ key: "import.yclients.rate_limited" }]);
          throw new Error(`YClients answered ${response.status} to ${method} ${url.pathname} ${attempt} times; try again later`);
        }
        await this.retryAfter(attempt, response.headers.get("retry-after"));
        continue;
      }
      return this.envelope(response, method, url);
    }
  }

  private headers(): Record<string, string> {
    return {
      Accept: "application/vnd.yclients.v2+json",
      "Content-Type": "application/json",
      Authorization: `Bearer ${this.options.partnerToken}, User ${this.options.userToken}`,
    };
  }

  /** Waits until fewer than `limit` requests are in flight or were answered within the last window. */
  private async throttle(): Promise<void> {
    for (;;) {
      // elapsed real time, not calendar time: a frozen test Clock must not stall the pacing
      const now = performance.now();
      while (this.answered.length > 0 && now - this.answered[0]! >= WINDOW_MS) this.answered.shift();
      if (this.answered.length + this.inFlight < this.limit) {
        this.inFlight++;
        return;
      }
      await this.sleep(this.answered.length > 0 ? WINDOW_MS - (now - this.answered[0]!) : 10);
    }
  }

  private landed(): void {
    this.inFlight--;
    this.answered.push(performance.now());
  }

  private async retryAfter(attempt: number, header: string | null): Promise<void> {
    this.stats.retries++;
    const seconds = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : null;
    await this.sleep(seconds !== null ? seconds * 1000 : this.backoffMs * 2 ** (attempt - 1));
  }

  private async envelope(response: Response, method: string, url: URL): Promise<Envelope> {
    const raw = await response.text();
    let parsed: Json;
    try {
      parsed = JSON.parse(raw) as Json; // also decodes PHP's \uXXXX and \/ escapes
    } catch {
      throw new Error(`YClients answered ${response.status} to ${method} ${url.pathname} with something that is not JSON`);
    }
    const body = obj(parsed);
    const meta = obj(body?.meta);
    const message = str(meta?.message) || str(obj(body?.errors)?.message);
    if (response.status === 401) throw new AppError("UNAUTHORIZED", [{ key: "import.yclients.unauthorized", params: { message: message || "401" } }]);
    if (response.status === 403) throw new AppError("FORBIDDEN", [{ key: "import.yclients.forbidden", params: { message: message || "403" } }]);
    if (response.status === 404) throw new AppError("NOT_FOUND", [{ key: "import.yclients.not_found", params: { path: url.pathname } }]);
    if (!response.ok || !body || body.success !== true) {
      throw new Error(`YClients refused ${method} ${url.pathname}: ${response.status} ${message || "no message"}`);
    }
    return { data: body.data ?? null, meta };
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
