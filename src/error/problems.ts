import type { MessageKey, MessageParams } from "../i18n/i18n.ts";
import { AppError, type Problem } from "./app-error.ts";

/**
 * Collects every problem of one input, so the caller hears about all bad fields at once, then
 * throws one VALIDATION_ERROR (or NOT_FOUND, for ids that name nothing).
 */
export class Problems {
  private readonly list: Problem[] = [];

  /** Records `key` on `field` unless `ok`; returns `ok` so dependent checks can be skipped. */
  check(ok: boolean, field: string, key: MessageKey, params?: MessageParams): boolean {
    if (!ok) this.list.push({ field, key, ...(params ? { params } : {}) });
    return ok;
  }

  throwIfAny(code: "VALIDATION_ERROR" | "NOT_FOUND" = "VALIDATION_ERROR"): void {
    if (this.list.length > 0) throw new AppError(code, this.list);
  }
}

/** True when an update object names at least one value (undefined = "not given"). */
export const hasValues = (values: object): boolean => Object.values(values).some((v) => v !== undefined);
