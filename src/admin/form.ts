// Reading HTML form posts. Browsers send every field as text (or not at all); these helpers turn a
// parsed body into typed values without trusting its shape.

export type FormBody = Record<string, unknown>;

export const asForm = (body: unknown): FormBody => (body && typeof body === "object" ? (body as FormBody) : {});

/** A text field, trimmed; "" when absent. */
export function text(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === "string" ? value.trim() : "";
}

/** A text field as sent (passwords keep their spaces). */
export function raw(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === "string" ? value : "";
}

/** A whole number field, or null when empty or not a whole number JavaScript holds exactly. */
export function int(body: FormBody, name: string): number | null {
  const value = text(body, name);
  return /^-?\d{1,15}$/.test(value) ? Number(value) : null;
}

/** A record id from the path (`/tokens/:id/revoke`): a positive whole number, or -1 (no row has it). */
export const pathId = (value: string): number => (/^\d{1,15}$/.test(value) && Number(value) > 0 ? Number(value) : -1);

/** All values of a repeated field (checkboxes, multi-selects). */
export function list(body: FormBody, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value !== "" ? [value] : [];
}

export const checked = (body: FormBody, name: string): boolean => body[name] === "on" || body[name] === "1" || body[name] === "true";

/** An amount typed in major units ("2500", "2 500,50") → minor units, or null when it is not one. */
export function money(body: FormBody, name: string): number | null {
  const value = text(body, name).replace(/[\s\u00a0]/g, "").replace(",", ".");
  return /^\d{1,9}(?:\.\d{1,2})?$/.test(value) ? Math.round(Number(value) * 100) : null;
}
