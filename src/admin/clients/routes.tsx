import { ClientPage } from "../../../views/admin/clients/client-page.tsx";
import { ClientsPage } from "../../../views/admin/clients/clients-page.tsx";
import { can } from "../../account/permissions.ts";
import { clientCard, parseTags, possibleDuplicates, searchClients, updateClient } from "../../client/crm.ts";
import { mergeClients } from "../../client/merge.ts";
import { anonymizeClient, exportClient } from "../../client/privacy.ts";
import type { Database } from "../../db/database.ts";
import { validationError, type Problem } from "../../error/app-error.ts";
import { json, render } from "../../http/render.ts";
import { clientNotificationLog } from "../../notification/queries.ts";
import { t } from "../../i18n/i18n.ts";
import { asForm, checked, int, raw, text } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit, typedValues } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const hide = { detail: { hide: true } };
const CLIENTS = { can: "clients" as const, ...hide };
const PRIVACY = { can: "privacy" as const, ...hide };

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined> };

// The card shows the latest ones; each links to its booking's panel for the rest.
const CLIENT_LOG_ROWS = 20;

const idOf = (params: Record<string, string>) => (/^\d+$/.test(params.id ?? "") ? Number(params.id) : -1);

async function clientPage(ctx: Ctx, id: number, failure?: { problems: Problem[]; values?: Record<string, string | string[]> }): Promise<Response> {
  const card = await clientCard(ctx.db.orm, id);
  const notice = ctx.query.saved === "1" ? t(ctx.locale, "admin.saved") : ctx.query.merged === "1" ? t(ctx.locale, "clients.merged") : undefined;
  return render(
    <ClientPage
      frame={adminFrame(ctx)}
      zone={ctx.profile.timezone}
      currency={ctx.profile.business.currency}
      card={card}
      duplicates={card.client.anonymizedAt === null ? await possibleDuplicates(ctx.db.orm, card.client) : []}
      mayErase={can(ctx.actor.role, "privacy")}
      notifications={await clientNotificationLog(ctx.db.orm, id, CLIENT_LOG_ROWS)}
      notice={failure ? undefined : notice}
      problems={failure?.problems}
      values={failure?.values}
    />,
    { status: failure ? 400 : 200 },
  );
}

/** `/admin/clients`: search, the client card and its edits; export and erasure are the owner's. */
export const clientPages = (deps: AdminDeps) => (app: AdminApp) => {
  const cd = (db: Database) => ({ db, clock: deps.clock });
  return app
    .get(
      "/clients",
      async (ctx) => {
        const query = ctx.query.q ?? "";
        const rows = (await searchClients(ctx.db.orm, query)).data;
        return render(<ClientsPage frame={adminFrame(ctx)} zone={ctx.profile.timezone} currency={ctx.profile.business.currency} query={query} rows={rows} />);
      },
      CLIENTS,
    )
    .get("/clients/:id", (ctx) => clientPage(ctx, idOf(ctx.params)), CLIENTS)
    .post(
      "/clients/:id",
      (ctx) => {
        const form = asForm(ctx.body);
        const id = idOf(ctx.params);
        return submit(
          async () => {
            const edit = { name: text(form, "name"), phone: text(form, "phone") || null, email: text(form, "email") || null, notes: raw(form, "notes").trim(), tags: parseTags(text(form, "tags")), consent: checked(form, "consent") };
            await updateClient(cd(ctx.db), ctx.actor, id, edit, ctx.profile.business.country);
            return seeOther(`${ctx.base}/clients/${id}`);
          },
          (e) => clientPage(ctx, id, { problems: e.problems, values: typedValues(form) }),
        );
      },
      CLIENTS,
    )
    .post(
      "/clients/:id/merge",
      (ctx) => {
        const form = asForm(ctx.body);
        const id = idOf(ctx.params);
        return submit(
          async () => {
            const other = int(form, "other_id_typed") ?? int(form, "other_id");
            if (other === null) throw validationError([{ field: "other_id", key: "clients.merge_pick" }]);
            await mergeClients(cd(ctx.db), ctx.actor, { keepId: id, dropId: other });
            return seeOther(`${ctx.base}/clients/${id}?merged=1`, false);
          },
          (e) => clientPage(ctx, id, { problems: e.problems }),
        );
      },
      CLIENTS,
    )
    .get(
      "/clients/:id/export.json",
      async (ctx) => {
        const id = idOf(ctx.params);
        const data = await exportClient(cd(ctx.db), ctx.actor, id, ctx.profile.timezone);
        return json(data, 200, { "content-disposition": `attachment; filename="client-${id}.json"`, "cache-control": "no-store" });
      },
      PRIVACY,
    )
    .post(
      "/clients/:id/anonymize",
      (ctx) => {
        const id = idOf(ctx.params);
        return submit(
          async () => {
            if (!checked(asForm(ctx.body), "confirm")) throw validationError([{ field: "confirm", key: "clients.anonymize_unconfirmed" }]);
            await anonymizeClient(cd(ctx.db), ctx.actor, id);
            return seeOther(`${ctx.base}/clients/${id}`);
          },
          (e) => clientPage(ctx, id, { problems: e.problems }),
        );
      },
      PRIVACY,
    );
};
