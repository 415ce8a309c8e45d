import { POLICY_FIELDS, PolicyPage } from "../../../views/admin/catalogue/policy-page.tsx";
import { savedText } from "../../../views/admin/catalogue/tabs.tsx";
import { updateBusiness, type BusinessPatch } from "../../business/settings.ts";
import { render } from "../../http/render.ts";
import { asForm, checked, int, text, type FormBody } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit, typedValues } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const OWNER = { can: "settings" as const, detail: { hide: true } };

const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) as keyof BusinessPatch;

/** The form → the salon's policy patch; text that is not a number becomes NaN and is reported by updateBusiness. */
function policyPatch(form: FormBody): BusinessPatch {
  const patch: Record<string, unknown> = { autoConfirm: checked(form, "auto_confirm") };
  for (const f of POLICY_FIELDS) patch[camel(f.name)] = int(form, f.name) ?? Number.NaN;
  const reminders = text(form, "reminder_offsets_minutes");
  patch.reminderOffsetsMinutes = reminders === "" ? [] : reminders.split(/[\s,;]+/).filter(Boolean).map((m) => (/^\d+$/.test(m) ? Number(m) : Number.NaN));
  return patch as BusinessPatch;
}

/** `/admin/policy`: the owner's booking rules, saved through the business module's updateBusiness. */
export const policyPages = (deps: AdminDeps) => (app: AdminApp) =>
  app
    .get("/policy", (ctx) => render(<PolicyPage frame={adminFrame(ctx)} business={ctx.profile.business} notice={savedText(adminFrame(ctx), ctx.query.saved === "1")} />), OWNER)
    .post(
      "/policy",
      (ctx) => {
        const form = asForm(ctx.body);
        return submit(
          async () => {
            await updateBusiness({ db: ctx.db, clock: deps.clock }, ctx.actor, policyPatch(form));
            return seeOther(`${ctx.base}/policy`);
          },
          async (e) => render(<PolicyPage frame={adminFrame(ctx)} business={ctx.profile.business} values={typedValues(form)} problems={e.problems} />, { status: 400 }),
        );
      },
      OWNER,
    );
