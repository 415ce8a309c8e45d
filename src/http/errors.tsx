import { AppError, type Problem } from "../error/app-error.ts";
import { t, type Locale } from "../i18n/i18n.ts";
import { ErrorPage } from "../../views/error/error-page.tsx";
import { STATUS_OF } from "./error-table.ts";
import { requestLocale } from "./locale.ts";
import { logLine } from "./log.ts";
import { isApiRequest as isApi, requestPath } from "./request-url.ts";
import { json, render } from "./render.ts";


const translate = (locale: Locale, problems: Problem[]) =>
  problems.map((p) => ({ ...(p.field ? { field: p.field } : {}), message: t(locale, p.key, p.params) }));

/**
 * Turns anything thrown by a handler into the response the user should see: JSON under /api, a page
 * elsewhere; the status from the one error table. Unknown errors are logged with their stack and
 * shown as a bare 500: no internals reach the client.
 */
/** What Elysia's onError hands over: `code` names framework failures (NOT_FOUND, PARSE, VALIDATION…). */
export interface FailedRequest {
  error: unknown;
  code: string | number;
  request: Request;
}

export async function handleError({ error, code, request }: FailedRequest): Promise<Response> {
  const locale = requestLocale(request, "ru", true);
  const appError = toAppError(error, code);
  if (!appError) {
    logLine({ level: "error", msg: "unhandled error", path: requestPath(request), error: String(error), stack: (error as Error)?.stack });
    const message = t(locale, "error.internal");
    return isApi(request)
      ? json({ code: "INTERNAL", message }, 500)
      : render(<ErrorPage locale={locale} path={requestPath(request)} title={t(locale, "page.error.title")} message={message} />, { status: 500 });
  }
  const status = STATUS_OF[appError.code];
  const messages = translate(locale, appError.problems);
  if (isApi(request)) {
    return json({ code: appError.code, message: messages.map((m) => m.message).join("; "), messages, ...appError.extra }, status);
  }
  const title =
    appError.code === "NOT_FOUND" ? t(locale, "page.not_found.title") : appError.code === "TENANT_DISABLED" || appError.code === "TENANT_UNAVAILABLE" ? t(locale, "page.disabled.title") : t(locale, "page.error.title");
  const message = appError.code === "NOT_FOUND" ? t(locale, "page.not_found.body") : messages.map((m) => m.message).join(" ");
  return render(<ErrorPage locale={locale} path={requestPath(request)} title={title} message={message} />, { status });
}

/** Framework failures (no route, bad JSON, schema validation) speak our error vocabulary too. */
function toAppError(error: unknown, code: FailedRequest["code"]): AppError | null {
  if (error instanceof AppError) return error;
  if (code === "NOT_FOUND") return new AppError("NOT_FOUND", [{ key: "error.not_found" }]);
  if (code === "PARSE") return new AppError("VALIDATION_ERROR", [{ key: "error.bad_json" }]);
  if (code === "VALIDATION") {
    const all = (error as { all?: Array<{ path?: string; summary?: string }> }).all ?? [];
    const problems: Problem[] = all.map((e) => ({
      field: (e.path ?? "").replace(/^\//, "").replaceAll("/", ".") || "body",
      key: e.summary?.includes("required") ? "error.field_required" : "error.field_invalid",
    }));
    return new AppError("VALIDATION_ERROR", problems.length > 0 ? problems : [{ key: "error.field_invalid" }]);
  }
  return null;
}
