/**
 * The bot's inline buttons carry their whole step in callback_data (at most 64 bytes, Bot API): the
 * choices so far as short numbers, so the dialogue needs no memory until it asks for the contact.
 * The data comes back from the client's Telegram app, so it is parsed strictly — anything but the
 * exact forms below is no action at all — and every id it names is checked again where it is used.
 */
import type { LocalDate } from "../time/zone.ts";

export type Action =
  | { kind: "book" }
  | { kind: "visits" }
  | { kind: "confirm" }
  | { kind: "service"; serviceId: number }
  | { kind: "master"; serviceId: number; staffId: number | "any" }
  | { kind: "day"; serviceId: number; staffId: number | "any"; date: LocalDate }
  | { kind: "time"; serviceId: number; staffId: number | "any"; start: number }
  | { kind: "cancel"; bookingId: number }
  | { kind: "cancelConfirmed"; bookingId: number };

const ID = "([1-9]\\d{0,8})";
const STAFF = "(0|[1-9]\\d{0,8})";
const FORMS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => Action | null]> = [
  [/^b$/, () => ({ kind: "book" })],
  [/^v$/, () => ({ kind: "visits" })],
  [/^k$/, () => ({ kind: "confirm" })],
  [new RegExp(`^s${ID}$`), (m) => ({ kind: "service", serviceId: Number(m[1]) })],
  [new RegExp(`^m${ID}_${STAFF}$`), (m) => ({ kind: "master", serviceId: Number(m[1]), staffId: staffOf(m[2]!) })],
  [new RegExp(`^d${ID}_${STAFF}_(\\d{4})(\\d{2})(\\d{2})$`), (m) => dayAction(Number(m[1]), staffOf(m[2]!), `${m[3]}-${m[4]}-${m[5]}`)],
  // the start in whole minutes since the epoch: slots sit on a minute grid, and it keeps the data short
  [new RegExp(`^t${ID}_${STAFF}_([1-9]\\d{0,9})$`), (m) => ({ kind: "time", serviceId: Number(m[1]), staffId: staffOf(m[2]!), start: Number(m[3]) * 60_000 })],
  [new RegExp(`^x${ID}$`), (m) => ({ kind: "cancel", bookingId: Number(m[1]) })],
  [new RegExp(`^X${ID}$`), (m) => ({ kind: "cancelConfirmed", bookingId: Number(m[1]) })],
];

const staffOf = (text: string): number | "any" => (text === "0" ? "any" : Number(text));

function dayAction(serviceId: number, staffId: number | "any", date: string): Action | null {
  try {
    return Temporal.PlainDate.from(date, { overflow: "reject" }).toString() === date ? { kind: "day", serviceId, staffId, date } : null;
  } catch {
    return null;
  }
}

/** The action a button's data names; null for anything else (an old or forged button). */
export function parseAction(data: string): Action | null {
  if (data.length > 64) return null;
  for (const [form, build] of FORMS) {
    const match = form.exec(data);
    if (match) return build(match);
  }
  return null;
}

/** The callback_data of an action (always within the Bot API's 64 bytes). */
export function actionData(action: Action): string {
  const staff = (id: number | "any") => (id === "any" ? "0" : String(id));
  switch (action.kind) {
    case "book":
      return "b";
    case "visits":
      return "v";
    case "confirm":
      return "k";
    case "service":
      return `s${action.serviceId}`;
    case "master":
      return `m${action.serviceId}_${staff(action.staffId)}`;
    case "day":
      return `d${action.serviceId}_${staff(action.staffId)}_${action.date.replaceAll("-", "")}`;
    case "time":
      return `t${action.serviceId}_${staff(action.staffId)}_${Math.floor(action.start / 60_000)}`;
    case "cancel":
      return `x${action.bookingId}`;
    case "cancelConfirmed":
      return `X${action.bookingId}`;
  }
}
