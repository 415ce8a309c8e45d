import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";

/**
 * A phone as typed by a client ("8 (916) 123-45-67", "+7 916 1234567") → E.164 ("+79161234567"),
 * or null when it is not a valid number. Numbers without a country code are read in the salon's
 * country. The "max" metadata checks number ranges, not just lengths, so typos are caught here
 * instead of in an undeliverable SMS.
 */
export function normalizePhone(raw: string, defaultCountry: string): string | null {
  const text = raw.trim();
  if (text.length === 0 || text.length > 40) return null;
  const parsed = parsePhoneNumberFromString(text, defaultCountry.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** "+79161234567" → "+7 916 123 45 67": how pages show a stored number. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** An example mobile number of the salon's country in the salon's country, as a placeholder for the phone field. */
export function phonePlaceholder(country: string): string {
  return getExampleNumber(country.toUpperCase() as CountryCode, examples)?.formatInternational() ?? "+";
}
