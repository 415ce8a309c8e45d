import type { Child } from "hono/jsx";
import type { ResourceRow, StaffView } from "../../../src/catalogue/queries.ts";
import { formatPhone } from "../../../src/client/phone.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t, type MessageKey } from "../../../src/i18n/i18n.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { PostButton } from "../post-button.tsx";
import { Notice, Problems } from "../problems.tsx";
import { CatalogueTabs } from "./tabs.tsx";

export interface StaffPageProps {
  frame: AdminFrame;
  masters: StaffView[];
  resources: ResourceRow[];
  services: Array<{ id: number; title: string }>;
  mayEdit: boolean;
  phonePlaceholder: string;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  /** Which form the problems belong to: "new-staff", "staff-<id>", "new-resource", "resource-<id>". */
  failed?: string | undefined;
  /** Calendar subscriptions, for those who may manage them (owner, manager). */
  feeds?: { live: Set<number>; issued?: { staffId: number; url: string } | undefined } | undefined;
}

export const RESOURCE_KIND_LABEL: Record<"room" | "equipment" | "other", MessageKey> = {
  room: "catalogue.kind.room",
  equipment: "catalogue.kind.equipment",
  other: "catalogue.kind.other",
};

function MasterFields({ frame, master, services, phonePlaceholder }: { frame: AdminFrame; master: StaffView | null; services: StaffPageProps["services"]; phonePlaceholder: string }) {
  const { locale } = frame;
  const mine = new Set(master?.serviceIds ?? []);
  return (
    <>
      <div class="row">
        <label>
          {t(locale, "admin.name")}
          <input name="name" value={master?.name ?? ""} maxlength={120} required />
        </label>
        <label>
          {t(locale, "catalogue.position")}
          <input name="position" value={master?.position ?? ""} maxlength={120} />
        </label>
        <label>
          {t(locale, "admin.phone")}
          <input name="phone" type="tel" value={master?.phone ? formatPhone(master.phone) : ""} placeholder={phonePlaceholder} />
        </label>
      </div>
      <fieldset class="boxes">
        <legend>{t(locale, "catalogue.performs")}</legend>
        {services.map((s) => (
          <label class="check">
            <input type="checkbox" name="service_ids" value={String(s.id)} checked={mine.has(s.id)} />
            {s.title}
          </label>
        ))}
      </fieldset>
      {frame.branches && frame.branches.length > 1 && (
        // issue 17: where the master works (their hours in each are set on the schedule page of that branch)
        <fieldset class="boxes">
          <legend>{t(locale, "branch.works_in_label")}</legend>
          <input type="hidden" name="branches_shown" value="1" />
          {frame.branches.map((b) => (
            <label class="check">
              <input type="checkbox" name="location_ids" value={String(b.id)} checked={master ? master.locationIds.includes(b.id) : b.id === frame.branch} />
              {b.name}
            </label>
          ))}
        </fieldset>
      )}
      <label class="check">
        <input type="checkbox" name="active" checked={master?.active ?? true} />
        {t(locale, "catalogue.works_here")}
      </label>
    </>
  );
}

function ResourceFields({ frame, resource }: { frame: AdminFrame; resource: ResourceRow | null }) {
  const { locale } = frame;
  return (
    <div class="row">
      <label>
        {t(locale, "admin.name")}
        <input name="name" value={resource?.name ?? ""} maxlength={120} required />
      </label>
      <label>
        {t(locale, "catalogue.kind")}
        <select name="kind">
          {(Object.keys(RESOURCE_KIND_LABEL) as Array<keyof typeof RESOURCE_KIND_LABEL>).map((k) => (
            <option value={k} selected={resource?.kind === k}>
              {t(locale, RESOURCE_KIND_LABEL[k])}
            </option>
          ))}
        </select>
      </label>
      <label class="check">
        <input type="checkbox" name="active" checked={resource?.active ?? true} />
        {t(locale, "catalogue.active")}
      </label>
    </div>
  );
}

/** An existing item's form: read-only (disabled) for those who may only look. */
function EditForm({ frame, action, mayEdit, children }: { frame: AdminFrame; action: string; mayEdit: boolean; children: Child }) {
  return (
    <form method="post" action={action} class="stack sub">
      <Csrf token={frame.csrf} />
      <fieldset disabled={!mayEdit} class="stack">
        {children}
        <div>
          <button class="button" type="submit">{t(frame.locale, "admin.save")}</button>
        </div>
      </fieldset>
    </form>
  );
}

/** The folded "new …" form under a list, open again when its last submit was refused. */
function AddForm(props: { frame: AdminFrame; action: string; title: MessageKey; open: boolean; problems: Child; children: Child }) {
  const { frame } = props;
  return (
    <details class="card" open={props.open}>
      <summary class="chip">{t(frame.locale, props.title)}</summary>
      {props.problems}
      <form method="post" action={props.action} class="stack sub">
        <Csrf token={frame.csrf} />
        {props.children}
        <div>
          <button class="button" type="submit">{t(frame.locale, "admin.add")}</button>
        </div>
      </form>
    </details>
  );
}

/** A master's calendar link: issue, replace or revoke; a new link is shown here once. */
function FeedControls({ frame, staffId, feeds }: { frame: AdminFrame; staffId: number; feeds: NonNullable<StaffPageProps["feeds"]> }) {
  const { locale, base } = frame;
  const live = feeds.live.has(staffId);
  const issued = feeds.issued?.staffId === staffId ? feeds.issued.url : null;
  return (
    <div class="stack sub">
      <strong>{t(locale, "feed.title")}</strong>
      <p class="muted small">{t(locale, "feed.help")}</p>
      {issued && (
        <p>
          {t(locale, "feed.issued")} <input readonly value={issued} class="wide" />
        </p>
      )}
      {live && !issued && <p class="small">{t(locale, "feed.active")}</p>}
      <div>
        <PostButton frame={frame} action={`${base}/staff/${staffId}/calendar-feed`} label={t(locale, live ? "feed.reissue" : "feed.issue")} />
        {live && <PostButton frame={frame} action={`${base}/staff/${staffId}/calendar-feed/revoke`} label={t(locale, "feed.revoke")} danger />}
      </div>
    </div>
  );
}

/** Masters (with the services they perform) and rooms/equipment, each editable in place. */
export function StaffPage(props: StaffPageProps) {
  const { frame, masters, resources, services, mayEdit, failed } = props;
  const { locale, base } = frame;
  const problemsFor = (form: string) => (failed === form ? <Problems locale={locale} problems={props.problems} /> : null);
  return (
    <AdminLayout frame={frame} title={t(locale, "catalogue.tab.staff")} section="catalogue">
      <CatalogueTabs frame={frame} current="staff" />
      <h1>{t(locale, "catalogue.masters")}</h1>
      <Notice text={props.notice} />
      <ul class="plain items">
        {masters.map((m) => (
          <li class={m.active ? "" : "inactive"}>
            <details open={failed === `staff-${m.id}` || props.feeds?.issued?.staffId === m.id}>
              <summary>
                <strong>{m.name}</strong> <span class="muted">{m.position ?? ""}</span>
                <span class="muted small"> · {t(locale, "catalogue.services_count", { n: m.serviceIds.length })}</span>
                {" "}
                <a class="small" href={`${base}/schedules?owner=${m.id}`}>{t(locale, "catalogue.tab.schedules")}</a>
              </summary>
              {problemsFor(`staff-${m.id}`)}
              <EditForm frame={frame} action={`${base}/staff/${m.id}`} mayEdit={mayEdit}>
                <MasterFields frame={frame} master={m} services={services} phonePlaceholder={props.phonePlaceholder} />
              </EditForm>
              {props.feeds && <FeedControls frame={frame} staffId={m.id} feeds={props.feeds} />}
            </details>
          </li>
        ))}
      </ul>
      {mayEdit && (
        <AddForm frame={frame} action={`${base}/staff`} title="catalogue.new_master" open={failed === "new-staff"} problems={problemsFor("new-staff")}>
          <MasterFields frame={frame} master={null} services={services} phonePlaceholder={props.phonePlaceholder} />
        </AddForm>
      )}
      <h2>{t(locale, "catalogue.resources")}</h2>
      <p class="muted">{t(locale, "catalogue.resources_help")}</p>
      <ul class="plain items">
        {resources.map((r) => (
          <li class={r.active ? "" : "inactive"}>
            <details open={failed === `resource-${r.id}`}>
              <summary>
                <strong>{r.name}</strong> <span class="muted">{t(locale, RESOURCE_KIND_LABEL[r.kind as keyof typeof RESOURCE_KIND_LABEL])}</span>
              </summary>
              {problemsFor(`resource-${r.id}`)}
              <EditForm frame={frame} action={`${base}/resources/${r.id}`} mayEdit={mayEdit}>
                <ResourceFields frame={frame} resource={r} />
              </EditForm>
            </details>
          </li>
        ))}
      </ul>
      {mayEdit && (
        <AddForm frame={frame} action={`${base}/resources`} title="catalogue.new_resource" open={failed === "new-resource"} problems={problemsFor("new-resource")}>
          <ResourceFields frame={frame} resource={null} />
        </AddForm>
      )}
    </AdminLayout>
  );
}
