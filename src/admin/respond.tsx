import type { JSX } from "hono/jsx/jsx-runtime";
import { PanelPage } from "../../views/admin/calendar/panel-page.tsx";
import type { AdminFrame } from "../../views/admin/admin-layout.tsx";
import { AppError } from "../error/app-error.ts";
import { isUnavailable } from "../booking/recheck.ts";
import { STATUS_OF } from "../http/error-table.ts";
import { isHtmx } from "../http/htmx.ts";
import { render } from "../http/render.ts";

/** htmx asks the calendar grid to reload itself when this event fires. */
export const CALENDAR_CHANGED = "calendar-changed";

export interface PanelOptions {
  title: string;
  /** A booking changed: the calendar behind the panel must redraw. */
  changed?: boolean;
  /** The problem's status for a plain request; htmx gets 200 so it swaps the panel (it ignores 4xx). */
  status?: number;
}

import { BALANCE_REFUSALS } from "../balance/visit.ts";

/** A booking panel: a fragment for htmx, a page of its own otherwise. */
export function panelResponse(request: Request, frame: AdminFrame, node: JSX.Element, options: PanelOptions): Promise<Response> {
  if (isHtmx(request)) {
    return render(node, { fragment: true, headers: options.changed ? { "hx-trigger": CALENDAR_CHANGED } : {} });
  }
  return render(<PanelPage frame={frame} title={options.title}>{node}</PanelPage>, { status: options.status ?? 200 });
}

/** Problems a user can fix (bad input, a taken time) are shown in the form; anything else is thrown on. */
export function userProblem(error: unknown): AppError | null {
  // issue 14: a used-up package, a spent certificate, … are the staff's to fix in the form too
  return error instanceof AppError && (error.code === "VALIDATION_ERROR" || isUnavailable(error) || BALANCE_REFUSALS.has(error.code)) ? error : null;
}

export const statusOf = (error: AppError) => STATUS_OF[error.code];
