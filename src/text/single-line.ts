/**
 * ONE rule for every single-line text a salon or a client types (names, titles, addresses,
 * e-mails, phones), applied where the input is read. Such text later lands in line-based formats —
 * a bare CR ends an .ics or e-mail header line, a NUL or ESC garbles an SMS or a terminal — so line
 * breaks and tabs become a space, every other control character (C0, DEL, C1) is dropped, and the
 * ends are trimmed. Multi-line fields (notes, descriptions) keep their line breaks and are not
 * passed through here.
 */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

export const singleLine = (value: string): string => value.replace(BREAKS, " ").replace(CONTROLS, "").trim();
