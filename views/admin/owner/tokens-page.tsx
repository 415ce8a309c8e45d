import type { TokenRow } from "../../../src/account/token-admin.ts";
import type { UserRow } from "../../../src/account/users.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t, type MessageKey } from "../../../src/i18n/i18n.ts";
import { ListTable } from "../list-table.tsx";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { PostButton } from "../post-button.tsx";
import { dateTime } from "../format.ts";
import { Notice, Problems } from "../problems.tsx";

export interface TokensPageProps {
  frame: AdminFrame;
  zone: string;
  tokens: TokenRow[];
  users: UserRow[];
  created?: string;
  problems?: Problem[];
}

const ROLE: Record<string, MessageKey> = { owner: "admin.role.owner", manager: "admin.role.manager", staff: "admin.role.staff" };

export function TokensPage({ frame, zone, tokens, users, created, problems }: TokensPageProps) {
  const { locale, base } = frame;
  return (
    <AdminLayout frame={frame} title={t(locale, "tokens.title")} section="tokens">
      <h1>{t(locale, "tokens.title")}</h1>
      <p class="muted">{t(locale, "tokens.help")}</p>
      {created && (
        <Notice text={t(locale, "tokens.created", { token: created })} />
      )}
      <Problems locale={locale} problems={problems} />
      <form method="post" action={`${base}/tokens`} class="card row">
        <Csrf token={frame.csrf} />
        <label>
          {t(locale, "tokens.name")}
          <input type="text" name="name" maxlength={100} required />
        </label>
        <label>
          {t(locale, "tokens.user")}
          <select name="user_id">
            {users.filter((u) => !u.disabled).map((u) => (
              <option value={String(u.id)}>
                {u.email} · {t(locale, ROLE[u.role]!)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button">
          {t(locale, "tokens.create")}
        </button>
      </form>
      <ListTable locale={locale} columns={["tokens.name", "tokens.user", "admin.role", "tokens.last_used", null]}>
        {tokens.map((tk) => (
          <tr>
            <td>
              {tk.name}
              <div class="muted">{dateTime(tk.createdAt, zone, locale)}</div>
            </td>
            <td>{tk.userEmail ?? "—"}</td>
            <td>{t(locale, ROLE[tk.role]!)}</td>
            <td>{tk.lastUsedAt ? dateTime(tk.lastUsedAt, zone, locale) : "—"}</td>
            <td>
              {tk.revokedAt ? (
                <span class="muted">{t(locale, "tokens.revoked")}</span>
              ) : (
                <PostButton frame={frame} action={`${base}/tokens/${tk.id}/revoke`} label={t(locale, "tokens.revoke")} danger />
              )}
            </td>
          </tr>
        ))}
      </ListTable>
    </AdminLayout>
  );
}
