import { AuditPage } from "../../views/admin/owner/audit-page.tsx";
import { TokensPage } from "../../views/admin/owner/tokens-page.tsx";
import { UsersPage, type UsersPageProps } from "../../views/admin/owner/users-page.tsx";
import { issueTokenFor, listTokens, revokeToken } from "../account/token-admin.ts";
import { addUser, listUsers, resetPassword, setUserDisabled } from "../account/users.ts";
import { listStaff } from "../catalogue/queries.ts";
import type { Database } from "../db/database.ts";
import { AUDIT_PAGE, auditEntities, listAudit } from "../audit/queries.ts";
import { AppError } from "../error/app-error.ts";
import { t } from "../i18n/i18n.ts";
import { render } from "../http/render.ts";
import { asForm, int, pathId, raw, text } from "./form.ts";
import { adminFrame } from "./frame.ts";
import type { AdminApp, AdminDeps } from "./scope.ts";

const hide = { detail: { hide: true } };
const ALL = { limit: 500, offset: 0 };

/** The users page with the current accounts and masters, plus what this request has to say. */
async function usersPage(db: Database, props: Omit<UsersPageProps, "users" | "masters">, status = 200): Promise<Response> {
  const [users, masters] = await Promise.all([listUsers(db.orm), listStaff(db.orm, { all: true, slice: ALL })]);
  return render(<UsersPage {...props} users={users} masters={masters.rows} />, { status });
}

/** A refused form shows its messages on the page (400); anything else is not the user's to fix. */
function validationProblems(e: unknown) {
  if (e instanceof AppError && (e.code === "VALIDATION_ERROR" || e.code === "ALREADY_EXISTS")) return e.problems;
  throw e;
}

/** Owner-only pages: staff accounts, API tokens (create, revoke) and the audit log. */
export const ownerPages = (deps: AdminDeps) => (app: AdminApp) =>
  app
    .get("/users", (ctx) => usersPage(ctx.db, { frame: adminFrame(ctx) }), { can: "users", ...hide })
    .post(
      "/users",
      async (ctx) => {
        const form = asForm(ctx.body);
        const draft = { email: text(form, "email"), name: text(form, "name"), role: text(form, "role"), staffId: int(form, "staff_id") };
        const frame = adminFrame(ctx);
        try {
          await addUser({ db: ctx.db, clock: deps.clock }, { ...draft, password: raw(form, "password"), staffId: draft.staffId ?? undefined }, ctx.actor);
          return usersPage(ctx.db, { frame, notice: t(frame.locale, "users.created", { email: draft.email.toLowerCase() }) });
        } catch (e) {
          return usersPage(ctx.db, { frame, problems: validationProblems(e), draft }, 400);
        }
      },
      { can: "users", ...hide },
    )
    .post(
      "/users/:id/:change",
      async (ctx) => {
        const frame = adminFrame(ctx);
        const userId = pathId(ctx.params.id);
        const user = (await listUsers(ctx.db.orm)).find((u) => u.id === userId);
        if (!user || !["disable", "enable", "password"].includes(ctx.params.change)) throw new AppError("NOT_FOUND", [{ key: "error.not_found" }]);
        const accounts = { db: ctx.db, clock: deps.clock };
        try {
          if (ctx.params.change === "password") {
            await resetPassword(accounts, { email: user.email, password: raw(asForm(ctx.body), "password") }, ctx.actor);
            return usersPage(ctx.db, { frame, notice: t(frame.locale, "users.reset_done") });
          }
          await setUserDisabled(accounts, { userId, disabled: ctx.params.change === "disable" }, ctx.actor);
          return new Response(null, { status: 303, headers: { location: `${ctx.base}/users` } });
        } catch (e) {
          return usersPage(ctx.db, { frame, problems: validationProblems(e) }, 400);
        }
      },
      { can: "users", ...hide },
    )
    .get(
      "/tokens",
      async (ctx) => {
        const [tokens, users] = await Promise.all([listTokens(ctx.db.orm), listUsers(ctx.db.orm)]);
        return render(<TokensPage frame={adminFrame(ctx)} zone={ctx.profile.timezone} tokens={tokens} users={users} />);
      },
      { can: "tokens", ...hide },
    )
    .post(
      "/tokens",
      async (ctx) => {
        const form = asForm(ctx.body);
        const frame = adminFrame(ctx);
        try {
          const token = await issueTokenFor({ db: ctx.db, clock: deps.clock }, ctx.actor, { name: text(form, "name"), userId: int(form, "user_id") ?? 0 });
          const [tokens, users] = await Promise.all([listTokens(ctx.db.orm), listUsers(ctx.db.orm)]);
          // Shown once in this response; no-store so it never sits in a cache.
          return render(<TokensPage frame={frame} zone={ctx.profile.timezone} tokens={tokens} users={users} created={token} />, { headers: { "cache-control": "no-store" } });
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== "VALIDATION_ERROR") throw e;
          const [tokens, users] = await Promise.all([listTokens(ctx.db.orm), listUsers(ctx.db.orm)]);
          return render(<TokensPage frame={frame} zone={ctx.profile.timezone} tokens={tokens} users={users} problems={e.problems} />, { status: 400 });
        }
      },
      { can: "tokens", ...hide },
    )
    .post(
      "/tokens/:id/revoke",
      async (ctx) => {
        await revokeToken({ db: ctx.db, clock: deps.clock }, ctx.actor, pathId(ctx.params.id));
        return new Response(null, { status: 303, headers: { location: `${ctx.base}/tokens` } });
      },
      { can: "tokens", ...hide },
    )
    .get(
      "/audit",
      async (ctx) => {
        const q = ctx.query as Record<string, string | undefined>;
        const entity = q.entity || null;
        const before = q.before && /^\d+$/.test(q.before) ? Number(q.before) : null;
        const [rows, entities] = await Promise.all([listAudit(ctx.db.orm, { entity, before }), auditEntities(ctx.db.orm)]);
        const last = rows.at(-1);
        const olderHref = rows.length === AUDIT_PAGE && last ? `${ctx.base}/audit?before=${last.id}${entity ? `&entity=${encodeURIComponent(entity)}` : ""}` : null;
        return render(<AuditPage frame={adminFrame(ctx)} zone={ctx.profile.timezone} rows={rows} entities={entities} entity={entity} olderHref={olderHref} />);
      },
      { can: "audit", ...hide },
    );
