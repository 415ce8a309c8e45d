import type { Actor } from "../account/permissions.ts";
import type { Profile } from "../business/business.ts";
import type { Locale } from "../i18n/i18n.ts";
import type { AlertNote } from "../notification/channel-settings.ts";
import type { AdminFrame } from "../../views/admin/admin-layout.tsx";

interface FrameSource {
  request: Request;
  locale: Locale;
  base: string;
  profile: Profile;
  actor: Actor;
  user: { email: string };
  csrf: string;
  alerts?: AlertNote[];
  branch?: { id: number };
  branches?: Array<{ id: number; name: string }>;
}

/** The request facts every admin view needs, taken from the admin scope's context. */
export function adminFrame(ctx: FrameSource): AdminFrame {
  const url = new URL(ctx.request.url);
  url.searchParams.delete("lang");
  return {
    locale: ctx.locale,
    base: ctx.base,
    salonName: ctx.profile.business.name,
    role: ctx.actor.role,
    userLabel: ctx.user.email,
    csrf: ctx.csrf,
    path: url.pathname + url.search,
    alerts: ctx.alerts ?? [],
    branches: ctx.branches?.map((b) => ({ id: b.id, name: b.name })),
    branch: ctx.branch?.id,
  };
}
