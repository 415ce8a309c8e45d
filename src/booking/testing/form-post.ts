import type { Harness } from "../../../test/harness.ts";

/**
 * A booking-page form POST as a script sends it: a fresh CSRF cookie and token, and no other
 * cookie (so never the hold cookie an earlier answer set).
 */
export async function formPost(h: Harness, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  const page = await h.request("/salon/book/time?s=2");
  const csrf = /zapis_csrf=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")![1]!;
  return h.request(path, {
    method: "POST",
    headers: { cookie: `zapis_csrf=${csrf}`, "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    redirect: "manual",
  });
}
