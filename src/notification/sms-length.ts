/**
 * How many SMS segments a text costs. GSM-7 texts take 160 characters in one SMS and 153 per
 * segment when split (the rest is the concatenation header); the extension characters (€ [ ] { } …)
 * take two. Anything outside GSM-7 (Cyrillic, emoji) sends the whole text as UCS-2: 70 UTF-16
 * units in one SMS, 67 per segment.
 */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";
const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export interface SmsLength {
  encoding: "GSM-7" | "UCS-2";
  /** Units used: GSM-7 septets, or UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Units per segment at this length (single-SMS limit when it fits in one). */
  perSegment: number;
}

export function smsLength(text: string): SmsLength {
  let septets = 0;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else return sized("UCS-2", text.length, 70, 67);
  }
  return sized("GSM-7", septets, 160, 153);
}

function sized(encoding: SmsLength["encoding"], units: number, single: number, multi: number): SmsLength {
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, perSegment: single };
  return { encoding, units, segments: Math.ceil(units / multi), perSegment: multi };
}
