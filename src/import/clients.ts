/**
 * Clients from any YClients shape (API card, the client inside a record or a webhook, a row of the
 * web export) → the salon's clients. Phones become E.164; clients without one are imported anyway;
 * clients sharing a phone are all imported and listed as merge candidates, never merged here; the
 * «технический» walk-in client (a phone of zeros) is not a person and is not imported.
 */
import { eq } from "drizzle-orm";
import { clients } from "../client/schema.ts";
import { t } from "../i18n/i18n.ts";
import { formatMoney } from "../money/money.ts";
import { readerOf, sync, type Batch, type ImportContext } from "./context.ts";
import { normalizePhone } from "./phone.ts";

export interface IncomingClient {
  /** The external id (the YClients client id, or a key derived from a file row). */
  externalId: string;
  name: string;
  phone: unknown;
  email: string;
  comment: string;
  categories: string[];
  birthDate: string | null;
  discountPercent: number;
  card: string;
  balanceMinor: number;
}

export type ImportedClient = { kind: "client"; localId: number } | { kind: "walk_in" };

/** Creates or updates one client through the mapping table; the walk-in placeholder is skipped. */
export async function importClient(ctx: ImportContext, tx: Batch, client: IncomingClient): Promise<ImportedClient> {
  const phone = normalizePhone(client.phone, ctx.salon.country);
  const label = client.name || client.externalId;
  if (phone.kind === "placeholder") {
    ctx.report.count("clients", "skipped");
    ctx.report.warn("walk_in_client", `${label} (${phone.raw})`);
    return { kind: "walk_in" };
  }
  if (phone.kind === "none") ctx.report.warn("client_without_phone", label);
  if (phone.kind === "invalid") ctx.report.warn("phone_invalid", `${label}: ${phone.raw}`);
  const values = {
    name: client.name || t(ctx.salon.locale, "import.unnamed_client"),
    phone: phone.kind === "ok" ? phone.e164 : null,
    email: client.email || null,
    notes: notesOf(ctx, client, phone.kind === "invalid" ? phone.raw : null),
    tags: client.categories,
    // issue 14: a YClients discount is a real standing discount here (priced by src/pricing), not a note
    discountPercent: wholePercent(client.discountPercent),
  };
  const synced = await sync(ctx, tx, {
    entity: "client",
    reportAs: "clients",
    externalId: client.externalId,
    values,
    create: async (w) =>
      (await w.insert(clients).values({ ...values, createdAt: ctx.now, updatedAt: ctx.now }).returning({ id: clients.id }))[0]!.id,
    update: async (w, id) => void (await w.update(clients).set({ ...values, updatedAt: ctx.now }).where(eq(clients.id, id))),
  });
  if (values.phone) ctx.report.phone(values.phone, { external_id: client.externalId, local_id: synced.localId, name: values.name });
  return { kind: "client", localId: synced.localId };
}

/**
 * The client of a record: the one an earlier page or run imported, else created from the copy the
 * record carries (a client deleted from the base still shows there). Null when there is none.
 */
export async function clientOfRecord(ctx: ImportContext, tx: Batch, client: IncomingClient | null): Promise<ImportedClient | null> {
  if (!client) return null;
  // the walk-in placeholder was reported once with the client list; its visits just have no client
  if (normalizePhone(client.phone, ctx.salon.country).kind === "placeholder") return { kind: "walk_in" };
  const known = await ctx.links.get(readerOf(ctx, tx), "client", client.externalId);
  if (known) return { kind: "client", localId: known.localId };
  return importClient(ctx, tx, client);
}

/** YClients keeps discounts as decimals ("7.5"); the column takes whole percent 0–100, rounded down: never more off than the salon gave. */
const wholePercent = (percent: number) => (Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.floor(percent))) : 0);

/** The client's YClients comment, then what has no column here: an unusable phone, card, birthday, balance. */
function notesOf(ctx: ImportContext, client: IncomingClient, badPhone: string | null): string | null {
  const { locale, currency } = ctx.salon;
  const details = [
    client.card ? t(locale, "import.note.card", { card: client.card }) : null,
    // a fractional discount keeps its exact value in the notes: the column holds whole percent
    !Number.isInteger(client.discountPercent) && client.discountPercent > 0 ? t(locale, "import.note.client_discount", { percent: client.discountPercent }) : null,
    client.birthDate ? t(locale, "import.note.birthday", { date: client.birthDate }) : null,
    client.balanceMinor !== 0 ? t(locale, "import.note.balance", { amount: formatMoney(client.balanceMinor, currency, locale) }) : null,
  ].filter((d) => d !== null);
  const lines = [
    client.comment || null,
    badPhone ? t(locale, "import.note.yclients_phone", { phone: badPhone }) : null,
    details.length > 0 ? t(locale, "import.note.client_card", { details: details.join(", ") }) : null,
  ].filter((l) => l !== null);
  return lines.length > 0 ? lines.join("\n") : null;
}
