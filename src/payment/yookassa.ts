/**
 * The YooKassa API v3 client (docs/payments.md): Basic auth with the salon's shop id and secret key,
 * an `Idempotence-Key` on every POST, JSON both ways. The base URL comes only from the config
 * (`ZAPIS_YOOKASSA_URL`, default https://api.yookassa.ru/v3): nothing a salon types picks a host.
 * Answers are parsed into the few fields we act on; anything else is a ProviderError.
 */
import { fromProviderAmount } from "./amount.ts";
import type { PaymentStatus } from "./schema.ts";

export const YOOKASSA_URL = "https://api.yookassa.ru/v3";
const TIMEOUT_MS = 20_000;

export interface ShopCredentials {
  shopId: string;
  secret: string;
}

export interface ProviderPayment {
  id: string;
  status: Exclude<PaymentStatus, "created">;
  amountMinor: number;
  currency: string;
  confirmationUrl: string | null;
  metadata: Record<string, string>;
}

export interface ProviderRefund {
  id: string;
  paymentId: string;
  status: "pending" | "succeeded" | "canceled";
  amountMinor: number;
}

/**
 * `definite`: YooKassa answered 4xx — it did nothing, a retry with the same body will not help.
 * Otherwise (5xx, timeout, connection refused, garbage) the outcome is unknown: retry with the SAME key.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly definite: boolean,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** YooKassa's payment ids: what a notification names before we dare put it into a URL path. */
export const isProviderId = (id: unknown): id is string => typeof id === "string" && /^[0-9a-z-]{8,64}$/i.test(id);

export function yookassaClient(baseUrl: string, creds: ShopCredentials) {
  const auth = `Basic ${Buffer.from(`${creds.shopId}:${creds.secret}`).toString("base64")}`;
  async function call(method: "GET" | "POST", path: string, body?: unknown, idempotenceKey?: string): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: auth,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(idempotenceKey ? { "idempotence-key": idempotenceKey } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: "error",
      });
    } catch (e) {
      throw new ProviderError(`YooKassa unreachable: ${e instanceof Error ? e.name : "error"}`, false);
    }
    const parsed = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (!response.ok) {
      // the error body is {type:"error", code, description, parameter}; only the code and parameter are worth a log line
      const code = typeof parsed?.code === "string" ? parsed.code : "unknown";
      const parameter = typeof parsed?.parameter === "string" ? ` (${parsed.parameter})` : "";
      throw new ProviderError(`YooKassa ${response.status} ${code}${parameter}`, response.status >= 400 && response.status < 500, response.status);
    }
    if (!parsed || typeof parsed !== "object") throw new ProviderError("YooKassa answered without a JSON object", false);
    return parsed;
  }
  return {
    createPayment: async (body: unknown, key: string) => paymentOf(await call("POST", "/payments", body, key)),
    getPayment: async (id: string) => paymentOf(await call("GET", `/payments/${encodeURIComponent(id)}`)),
    createRefund: async (body: unknown, key: string) => refundOf(await call("POST", "/refunds", body, key)),
    getRefund: async (id: string) => refundOf(await call("GET", `/refunds/${encodeURIComponent(id)}`)),
  };
}
export type YooKassaClient = ReturnType<typeof yookassaClient>;

const PAYMENT_STATES = new Set(["pending", "waiting_for_capture", "succeeded", "canceled"]);

function paymentOf(o: Record<string, unknown>): ProviderPayment {
  const amount = o.amount as Record<string, unknown> | undefined;
  const amountMinor = fromProviderAmount(amount?.value);
  if (!isProviderId(o.id) || typeof o.status !== "string" || !PAYMENT_STATES.has(o.status) || amountMinor === null) {
    throw new ProviderError("YooKassa answered with an unreadable payment", false);
  }
  const confirmation = o.confirmation as Record<string, unknown> | undefined;
  const url = typeof confirmation?.confirmation_url === "string" && /^https?:\/\//.test(confirmation.confirmation_url) ? confirmation.confirmation_url : null;
  const metadata = typeof o.metadata === "object" && o.metadata !== null ? (o.metadata as Record<string, string>) : {};
  // we create payments with capture: true, so waiting_for_capture never lasts; it is not money yet
  const status = o.status === "waiting_for_capture" ? "pending" : (o.status as ProviderPayment["status"]);
  return { id: o.id, status, amountMinor, currency: String(amount?.currency ?? ""), confirmationUrl: url, metadata };
}

function refundOf(o: Record<string, unknown>): ProviderRefund {
  const amountMinor = fromProviderAmount((o.amount as Record<string, unknown> | undefined)?.value);
  if (!isProviderId(o.id) || !isProviderId(o.payment_id) || !["pending", "succeeded", "canceled"].includes(String(o.status)) || amountMinor === null) {
    throw new ProviderError("YooKassa answered with an unreadable refund", false);
  }
  return { id: o.id, paymentId: o.payment_id, status: o.status as ProviderRefund["status"], amountMinor };
}
