import type { Child } from "hono/jsx";
import { AdminLayout, type AdminFrame } from "../admin-layout.tsx";

/**
 * A panel shown as a page of its own: when a link is opened without htmx (new tab, no script, a link
 * from the bookings list or a client card). It is the `#panel` the panel's forms post into, so every
 * action works here exactly as beside the calendar.
 */
export function PanelPage({ frame, title, children }: { frame: AdminFrame; title: string; children?: Child }) {
  return (
    <AdminLayout frame={frame} title={title} section="calendar">
      <div id="panel" class="panel-page" aria-live="polite">
        {children}
      </div>
    </AdminLayout>
  );
}
