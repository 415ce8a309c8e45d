// Host mode (ZAPIS_DOMAIN): a salon at `demo.<domain>` works end to end. A client walks the booking
// flow and the owner signs in under that host, following every link, asset, redirect and form
// action the pages show; none may 404. Reserved names never reach an operator endpoint as hosts.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { addUser } from "../account/users.ts";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { rewriteTenantHost } from "./server.ts";

const DOMAIN = "zapis.test";
const HOST = `demo.${DOMAIN}`;

let h: Harness;
const cookies = new Map<string, string>();

beforeAll(async () => {
  h = await makeHarness({ tenant: { slug: "demo" } });
  await addUser({ db: h.db, clock: h.clock }, { email: "owner@demo.test", password: "owner password", role: "owner" });
}, 60_000);
afterAll(() => h.close());

/** A browser at `host`: the server's own host mapping, then the app; cookies kept like a browser. */
async function visit(path: string, init: { method?: string; form?: URLSearchParams } = {}, host = HOST): Promise<Response> {
  const request = new Request(`http://${host}${path}`, {
    method: init.method ?? "GET",
    headers: {
      host,
      cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      ...(init.form ? { "content-type": "application/x-www-form-urlencoded", origin: `http://${host}` } : {}),
    },
    ...(init.form ? { body: init.form } : {}),
    redirect: "manual",
  });
  const res = await h.app.handle(rewriteTenantHost(request, DOMAIN));
  for (const line of res.headers.getSetCookie()) {
    const [name, ...rest] = (line.split(";")[0] ?? "").split("=");
    if (name) cookies.set(name, rest.join("="));
  }
  return res;
}

const unescape = (s: string) => s.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#39;", "'");

/** Every same-site URL a page points at: links, assets, htmx gets, form actions. */
function linksOf(html: string): string[] {
  const found = [...html.matchAll(/\s(?:href|src|hx-get)="([^"]*)"/g)].map((m) => unescape(m[1]!));
  return found.filter((u) => u.startsWith("/") && !u.startsWith("//"));
}

interface Form {
  action: string;
  method: string;
  fields: URLSearchParams;
}

function formsOf(html: string, page: string): Form[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
    const attrs = m[1]!;
    const fields = new URLSearchParams();
    for (const input of m[2]!.matchAll(/<input\b[^>]*>/g)) {
      const name = /\sname="([^"]*)"/.exec(input[0])?.[1];
      const value = /\svalue="([^"]*)"/.exec(input[0])?.[1] ?? "";
      if (name) fields.append(unescape(name), unescape(value));
    }
    // a button outside the form that submits it (form="<id>"), as the time buttons do: its first one
    const id = /\sid="([^"]*)"/.exec(attrs)?.[1];
    const button = id ? new RegExp(`<button\\b[^>]*\\sform="${id}"[^>]*>`).exec(html)?.[0] : undefined;
    const buttonName = button && /\sname="([^"]*)"/.exec(button)?.[1];
    if (button && buttonName) fields.append(unescape(buttonName), unescape(/\svalue="([^"]*)"/.exec(button)?.[1] ?? ""));
    return {
      action: unescape(/\saction="([^"]*)"/.exec(attrs)?.[1] ?? page),
      method: (/\smethod="([^"]*)"/.exec(attrs)?.[1] ?? "get").toLowerCase(),
      fields,
    };
  });
}

/** Follows every GET link from `start` (breadth first, up to `limit` pages); returns the broken ones and the forms seen. */
async function crawl(starts: string[], limit: number, skip: RegExp): Promise<{ broken: string[]; forms: Form[]; seen: number }> {
  const queue = [...starts];
  const seen = new Set<string>();
  const broken: string[] = [];
  const forms: Form[] = [];
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path) || skip.test(path)) continue;
    seen.add(path);
    const res = await visit(path);
    if (res.status === 404 || res.status >= 500) broken.push(`${res.status} ${path}`);
    const location = res.headers.get("location");
    if (location?.startsWith("/")) queue.push(location);
    if (!(res.headers.get("content-type") ?? "").includes("text/html")) continue;
    const html = await res.text();
    queue.push(...linksOf(html));
    forms.push(...formsOf(html, path));
  }
  return { broken, forms, seen: seen.size };
}

describe("a salon under its own host name", () => {
  test("the booking flow: every link, asset, redirect and form works", async () => {
    const home = await visit("/");
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain("/assets/");
    const { broken, forms, seen } = await crawl(["/"], 60, /\/admin|\/my\//);
    expect(broken).toEqual([]);
    expect(seen).toBeGreaterThan(5);
    // choose the first free time, as a client would, and follow where it leads
    const slot = forms.find((f) => f.method === "post" && f.fields.has("start"));
    expect(slot).toBeDefined();
    const held = await visit(slot!.action, { method: "POST", form: slot!.fields });
    expect(held.status).toBe(303);
    const details = await visit(held.headers.get("location")!);
    expect(details.status).toBe(200);
    const form = formsOf(await details.text(), "").find((f) => f.fields.has("start"))!;
    form.fields.set("name", "Вера");
    form.fields.set("phone", "+79161234567");
    form.fields.set("consent", "yes");
    const booked = await visit(form.action, { method: "POST", form: form.fields });
    expect(booked.status).toBe(303);
    const after = await crawl([booked.headers.get("location")!], 20, /\/admin/);
    expect(after.broken).toEqual([]);
  }, 120_000);

  test("the owner signs in and every admin link and form action resolves", async () => {
    const login = await visit("/admin");
    expect(login.status).toBe(303);
    const page = await visit(login.headers.get("location")!);
    const form = formsOf(await page.text(), "")[0]!;
    form.fields.set("email", "owner@demo.test");
    form.fields.set("password", "owner password");
    const signedIn = await visit(form.action, { method: "POST", form: form.fields });
    expect(signedIn.status).toBe(303);
    const { broken, forms, seen } = await crawl([signedIn.headers.get("location")!], 80, /logout|\.csv|export\.json/);
    expect(broken).toEqual([]);
    expect(seen).toBeGreaterThan(10);
    // a form action that exists answers the missing CSRF token with 403; a wrong one would 404
    const actions = [...new Set(forms.filter((f) => f.method === "post").map((f) => f.action))];
    const missing: string[] = [];
    for (const action of actions) if ((await visit(action, { method: "POST", form: new URLSearchParams() })).status === 404) missing.push(action);
    expect(missing).toEqual([]);
  }, 120_000);
});

describe("reserved names", () => {
  test("operator endpoints are not served at the root of a host named after them", async () => {
    const bare = (await visit("/", {}, DOMAIN)).status;
    for (const name of ["metrics", "readyz", "healthz"]) {
      // served like the bare domain's root (no page there), not as /metrics, /readyz, /healthz
      expect({ name, status: (await visit("/", {}, `${name}.${DOMAIN}`)).status }).toEqual({ name, status: bare });
    }
    expect(bare).toBe(404);
  });
});
