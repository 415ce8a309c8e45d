import type { UserRow } from "../../../src/account/users.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t, type MessageKey } from "../../../src/i18n/i18n.ts";
import { ListTable } from "../list-table.tsx";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { PostButton } from "../post-button.tsx";
import { Notice, Problems } from "../problems.tsx";

export interface UsersPageProps {
  frame: AdminFrame;
  users: UserRow[];
  masters: Array<{ id: number; name: string }>;
  notice?: string;
  problems?: Problem[];
  /** What was typed into the add form, kept when it is refused. */
  draft?: { email: string; name: string; role: string; staffId: number | null };
}

const ROLES: Array<[string, MessageKey]> = [
  ["staff", "admin.role.staff"],
  ["manager", "admin.role.manager"],
  ["owner", "admin.role.owner"],
];

/** `/admin/users`: the salon's sign-ins — add, block/unblock, set a password. Owner only. */
export function UsersPage({ frame, users, masters, notice, problems, draft }: UsersPageProps) {
  const { locale, base } = frame;
  const role = (r: string) => t(locale, ROLES.find(([value]) => value === r)?.[1] ?? "admin.role.staff");
  const masterName = (id: number | null) => masters.find((m) => m.id === id)?.name ?? t(locale, "users.none");
  return (
    <AdminLayout frame={frame} title={t(locale, "users.title")} section="users">
      <h1>{t(locale, "users.title")}</h1>
      <p class="muted">{t(locale, "users.help")}</p>
      <Notice text={notice} />
      <Problems locale={locale} problems={problems} />
      <form method="post" action={`${base}/users`} class="card row">
        <Csrf token={frame.csrf} />
        <label>
          {t(locale, "users.email")}
          <input type="email" name="email" required maxlength={200} value={draft?.email ?? ""} autocomplete="off" />
        </label>
        <label>
          {t(locale, "users.name")}
          <input type="text" name="name" maxlength={120} value={draft?.name ?? ""} />
        </label>
        <label>
          {t(locale, "admin.role")}
          <select name="role">
            {ROLES.map(([value, key]) => (
              <option value={value} selected={draft?.role === value}>
                {t(locale, key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, "users.master")}
          <select name="staff_id">
            <option value="">{t(locale, "users.none")}</option>
            {masters.map((m) => (
              <option value={String(m.id)} selected={draft?.staffId === m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, "users.password")}
          <input type="password" name="password" required minlength={8} autocomplete="new-password" />
        </label>
        <button type="submit" class="button">
          {t(locale, "users.create")}
        </button>
      </form>
      <ListTable locale={locale} columns={["users.email", "admin.role", "users.status", null]}>
        {users.map((u) => (
          <tr>
            <td>
              {u.email}
              <div class="muted">{[u.name, u.role === "staff" ? masterName(u.staffId) : null].filter(Boolean).join(" · ")}</div>
            </td>
            <td>{role(u.role)}</td>
            <td>{t(locale, u.disabled ? "users.disabled" : "users.active")}</td>
            <td>
              <PostButton
                frame={frame}
                action={`${base}/users/${u.id}/${u.disabled ? "enable" : "disable"}`}
                label={t(locale, u.disabled ? "users.enable" : "users.disable")}
                danger={!u.disabled}
              />
              <form method="post" action={`${base}/users/${u.id}/password`} class="inline">
                <Csrf token={frame.csrf} />
                <input type="password" name="password" required minlength={8} autocomplete="new-password" aria-label={t(locale, "users.new_password")} placeholder={t(locale, "users.new_password")} />
                <button type="submit" class="chip">
                  {t(locale, "users.reset")}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </ListTable>
    </AdminLayout>
  );
}
