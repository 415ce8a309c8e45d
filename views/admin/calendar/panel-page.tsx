import type { Child } from "hono/jsx";
import { AdminLayout, type AdminFrame } from "../admin-layout.tsx";

/** A panel shown as a page of its own: when a link is opened without htmx (new tab, no script). */
export function PanelPage({ frame, title, children }: { frame: AdminFrame; title: string; children?: Child }) {
  return (
    <AdminLayout frame={frame} title={title} section="calendar">
      <div class="panel-page">{children}</div>
    </AdminLayout>
  );
}
