// YooKassa writes money as a decimal string with two fractional digits ("1500.00"); we keep integer
// minor units. These functions are the only crossing between the two, and none uses floats.

/** 150000 → "1500.00". */
export function toProviderAmount(minor: number): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`money must be non-negative integer minor units: ${minor}`);
  const text = String(minor).padStart(3, "0");
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** "1500.00" (or "1500", "1500.5") → 150000; null for anything else. */
export function fromProviderAmount(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

