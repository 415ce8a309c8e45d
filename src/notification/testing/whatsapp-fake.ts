// A loopback stand-in for Meta's WhatsApp Cloud API (issue 16), speaking its wire format:
// POST /{phone-number-id}/messages with a Bearer token and a template message; 200
// {messaging_product, contacts:[{input, wa_id}], messages:[{id: "wamid…"}]} on success, the Graph API
// error envelope {error: {message, type, code, error_data: {messaging_product, details}, fbtrace_id}}
// otherwise. It checks the request the way the real API does before it answers.
import type { FakeServer } from "./fakes.ts";

export interface WhatsAppRequest {
  phoneNumberId: string;
  to: string;
  template: string;
  language: string;
  parameters: string[];
}

export interface WhatsAppFakeOptions {
  /** The only token accepted (others get code 190, as an expired or wrong token does). */
  token: string;
  /** An error code to answer a request with instead of sending it (e.g. 130429, 131026, 132001). */
  fail?: (request: WhatsAppRequest, n: number) => number | null;
}

// Titles and HTTP statuses of the codes the fake may answer with, from the Cloud API error reference.
const ERRORS: Record<number, [status: number, title: string]> = {
  190: [401, "Access token has expired"],
  100: [400, "Invalid parameter"],
  130429: [400, "Rate limit hit"],
  131026: [400, "Message undeliverable"],
  132001: [404, "Template name does not exist in the translation"],
  131000: [500, "Something went wrong"],
  2: [503, "Service temporarily unavailable"],
};

const graphError = (code: number, details: string) => {
  const [status, title] = ERRORS[code] ?? [400, "Error"];
  return Response.json(
    { error: { message: `(#${code}) ${title}`, type: "OAuthException", code, error_data: { messaging_product: "whatsapp", details }, fbtrace_id: "AbCdEf123" } },
    { status },
  );
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function startWhatsAppFake(options: WhatsAppFakeOptions): FakeServer<WhatsAppRequest> {
  const received: WhatsAppRequest[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const match = /^\/(\d+)\/messages$/.exec(new URL(request.url).pathname);
      if (request.method !== "POST" || !match) return graphError(100, "Unsupported request");
      if (request.headers.get("authorization") !== `Bearer ${options.token}`) return graphError(190, "Error validating access token");
      const body = (await request.json().catch(() => null)) as unknown;
      const template = isRecord(body) && isRecord(body.template) ? body.template : null;
      const language = template && isRecord(template.language) ? template.language.code : undefined;
      const components = template && Array.isArray(template.components) ? template.components : [];
      const bodyComponent = components.find((c): c is Record<string, unknown> => isRecord(c) && c.type === "body");
      const parameters = Array.isArray(bodyComponent?.parameters) ? bodyComponent.parameters : [];
      const wellFormed =
        isRecord(body) && body.messaging_product === "whatsapp" && body.type === "template" && typeof body.to === "string" && /^\d{6,15}$/.test(body.to) &&
        typeof template?.name === "string" && typeof language === "string" &&
        parameters.every((p) => isRecord(p) && p.type === "text" && typeof p.text === "string" && p.text.trim() !== "");
      if (!wellFormed) return graphError(100, "The parameter messaging_product, to, type or template is missing or invalid");
      const sent: WhatsAppRequest = {
        phoneNumberId: match[1]!,
        to: body.to as string,
        template: template!.name as string,
        language: language as string,
        parameters: parameters.map((p) => (p as { text: string }).text),
      };
      received.push(sent);
      const code = options.fail?.(sent, received.length) ?? null;
      if (code !== null) return graphError(code, "as the test asked");
      return Response.json({ messaging_product: "whatsapp", contacts: [{ input: sent.to, wa_id: sent.to }], messages: [{ id: `wamid.FAKE${String(received.length).padStart(6, "0")}` }] });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, received, close: async () => void (await server.stop(true)) };
}
