/**
 * The branch an admin page is looking at (issue 17): `?branch=<id>` switches it and a cookie keeps
 * it per salon and browser, so the journal and the reports stay on the chosen branch. A user limited
 * to some branches (src/account/permissions.ts) is only ever offered, and shown, those.
 */
import { mayActInBranch, type Actor } from "../account/permissions.ts";
import type { Reader } from "../db/database.ts";
import { listLocations, type LocationRow } from "./location.ts";

const cookieName = (slug: string) => `zapis_branch_${slug}`;
const YEAR_SECONDS = 365 * 24 * 3600;

export interface AdminBranch {
  /** The branches this user may switch between (the primary first). */
  branches: LocationRow[];
  branch: LocationRow;
  /** Set-Cookie remembering a switch, or null. */
  cookie: string | null;
}

export async function adminBranch(reader: Reader, request: Request, slug: string, actor: Actor, secure: boolean): Promise<AdminBranch> {
  const all = await listLocations(reader);
  // a user limited to branches that no longer exist falls back to seeing none of the others: the first of theirs, else the primary
  const allowed = all.filter((b) => mayActInBranch(actor, b.id));
  const branches = allowed.length > 0 ? allowed : all.slice(0, 1);
  const asked = Number(new URL(request.url).searchParams.get("branch")) || null;
  // slugs are [a-z0-9-]: safe inside the pattern
  const remembered = Number(new RegExp(`(?:^|;\\s*)${cookieName(slug)}=(\\d+)`).exec(request.headers.get("cookie") ?? "")?.[1]) || null;
  const pick = (id: number | null) => branches.find((b) => b.id === id);
  const chosen = pick(asked);
  const branch = chosen ?? pick(remembered) ?? branches[0]!;
  const cookie = chosen
    ? `${cookieName(slug)}=${chosen.id}; Path=/${slug}/admin; Max-Age=${YEAR_SECONDS}; SameSite=Lax; HttpOnly${secure ? "; Secure" : ""}`
    : null;
  return { branches, branch, cookie };
}
