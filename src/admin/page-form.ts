import { AppError } from "../error/app-error.ts";
import type { FormBody } from "./form.ts";

/**
 * Problems a plain admin form shows beside its fields: bad input, a name already taken, an id in
 * the form that names nothing (a master deleted meanwhile). Anything else is thrown on.
 */
export function formProblem(error: unknown): AppError | null {
  if (!(error instanceof AppError)) return null;
  const fixable =
    error.code === "VALIDATION_ERROR" ||
    error.code === "ALREADY_EXISTS" ||
    // closing a day with bookings: the form lists them and offers to cancel them
    error.code === "DAY_HAS_BOOKINGS" ||
    (error.code === "NOT_FOUND" && error.problems.some((p) => p.field));
  return fixable ? error : null;
}

/** After a successful post, back to a page (POST → redirect → GET), with a "saved" note. */
export function seeOther(location: string, saved = true): Response {
  const [path = "", fragment] = location.split("#");
  const target = saved ? `${path}${path.includes("?") ? "&" : "?"}saved=1` : path;
  return new Response(null, { status: 303, headers: { location: fragment === undefined ? target : `${target}#${fragment}` } });
}

/** Runs a form's use-case; on a fixable problem answers with `onProblem` (status 400) instead. */
export async function submit(run: () => Promise<Response>, onProblem: (error: AppError) => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    const problem = formProblem(e);
    if (!problem) throw e;
    return onProblem(problem);
  }
}

/** What was typed, to show the form again after a problem. */
export function typedValues(form: FormBody): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(form)) {
    if (k === "_csrf") continue;
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}
