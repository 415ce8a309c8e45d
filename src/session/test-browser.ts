// Test support: a browser over the harness. It keeps cookies like a browser does, reads the CSRF
// token from the pages it gets, and posts forms with it, so tests exercise the real guards.
import { addUser } from "../account/users.ts";
import type { Harness } from "../../test/harness.ts";

export interface TestBrowser {
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Posts a form (with the CSRF token unless `csrf: false`). */
  post(path: string, fields?: Record<string, string | string[]>, opts?: { csrf?: boolean; htmx?: boolean; headers?: Record<string, string> }): Promise<Response>;
  cookies: Map<string, string>;
  csrf(): string;
}

export function browser(h: Harness, slug = h.slug): TestBrowser {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = (pair ?? "").split("=");
      if (!name) continue;
      if (/Max-Age=0/.test(line)) cookies.delete(name);
      else cookies.set(name, rest.join("="));
    }
    return res;
  };
  const csrf = () => cookies.get("zapis_csrf") ?? "";
  const b: TestBrowser = {
    cookies,
    csrf,
    async get(path, headers = {}) {
      return keep(await h.request(path, { headers: { cookie: cookieHeader(), ...headers }, redirect: "manual" }));
    },
    async post(path, fields = {}, opts = {}) {
      if (!cookies.has("zapis_csrf")) await b.get(`/${slug}/admin/login`);
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      if (opts.csrf !== false) body.set("_csrf", csrf());
      return keep(
        await h.request(path, {
          method: "POST",
          headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded", ...(opts.htmx ? { "hx-request": "true" } : {}), ...opts.headers },
          body,
        }),
      );
    },
  };
  return b;
}

/** Creates an account (if `create`) and returns a browser signed in as it. */
export async function signedIn(
  h: Harness,
  who: { email: string; password?: string; role?: "owner" | "manager" | "staff"; staffId?: number; create?: boolean },
  slug = h.slug,
): Promise<TestBrowser> {
  const password = who.password ?? "correct horse battery";
  if (who.create !== false) {
    const open = await h.deps.tenants.get(slug);
    await addUser({ db: open!.db, clock: h.clock }, { email: who.email, password, role: who.role ?? "owner", staffId: who.staffId });
  }
  const b = browser(h, slug);
  const res = await b.post(`/${slug}/admin/login`, { email: who.email, password });
  if (res.status !== 303) throw new Error(`sign-in of ${who.email} failed with ${res.status}`);
  return b;
}
