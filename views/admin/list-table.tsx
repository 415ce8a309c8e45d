import type { Child } from "hono/jsx";
import { t, type Locale, type MessageKey } from "../../src/i18n/i18n.ts";

/** A column: its heading (null for an action column without one), right-aligned for numbers. */
export type Column = MessageKey | null | { key: MessageKey; numeric: true };

/** The admin's lists: a table that scrolls sideways on a phone instead of breaking the page. */
export function ListTable({ locale, columns, children }: { locale: Locale; columns: Column[]; children: Child }) {
  return (
    <div class="table-wrap">
      <table class="list">
        <thead>
          <tr>
            {columns.map((c) =>
              c === null ? <th></th> : typeof c === "string" ? <th>{t(locale, c)}</th> : <th class="num">{t(locale, c.key)}</th>,
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
