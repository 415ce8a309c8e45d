import type { CountryCode } from "libphonenumber-js/max";

// libphonenumber with its "max" metadata and its example numbers, read with the first phone a
// request parses or shows instead of at every start: evaluating both cost ~10 ms of CPU of every
// cold start (issue 20). A synchronous require, because its callers are synchronous (validation,
// views); Bun resolves it from ES modules and bundles it like an import.
type Phones = typeof import("libphonenumber-js/max") & { examples: typeof import("libphonenumber-js/mobile/examples").default };
let loaded: Phones | undefined;
function phones(): Phones {
  return (loaded ??= { ...require("libphonenumber-js/max"), examples: require("libphonenumber-js/mobile/examples") });
}

/**
 * A phone as typed by a client ("8 (916) 123-45-67", "+7 916 1234567") → E.164 ("+79161234567"),
 * or null when it is not a valid number. Numbers without a country code are read in the salon's
 * country. The "max" metadata checks number ranges, not just lengths, so typos are caught here
 * instead of in an undeliverable SMS.
 */
export function normalizePhone(raw: string, defaultCountry: string): string | null {
  const text = raw.trim();
  if (text.length === 0 || text.length > 40) return null;
  const parsed = phones().parsePhoneNumberFromString(text, defaultCountry.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** "+79161234567" → "+7 916 123 45 67": how pages show a stored number. */
export function formatPhone(e164: string): string {
  return phones().parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** An example mobile number of the salon's country in the salon's country, as a placeholder for the phone field. */
export function phonePlaceholder(country: string): string {
  const { getExampleNumber, examples } = phones();
  return getExampleNumber(country.toUpperCase() as CountryCode, examples)?.formatInternational() ?? "+";
}
