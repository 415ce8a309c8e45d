import type { JSX } from "hono/jsx/jsx-runtime";

export interface RenderOptions {
  status?: number;
  headers?: Record<string, string>;
}

// Pages load only our own embedded assets; inline scripts are never needed.
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

/** The headers of every page and fragment. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = { "content-type": "text/html; charset=utf-8", ...SECURITY_HEADERS };

/** The one way a page or fragment becomes a Response: doctype for pages, headers for all. */
export async function render(node: JSX.Element, options: RenderOptions & { fragment?: boolean } = {}): Promise<Response> {
  const body = await node.toString();
  return new Response(options.fragment ? body : `<!doctype html>${body}`, {
    status: options.status ?? 200,
    headers: { ...PAGE_HEADERS, ...options.headers },
  });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}
