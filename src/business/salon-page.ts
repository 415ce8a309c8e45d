/** The booking page's look and words: intro text, accent colour, consent text, offered languages. */
import { eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { Problems } from "../error/problems.ts";
import { isLocale, LOCALES, type Locale } from "../i18n/i18n.ts";
import type { Clock } from "../time/clock.ts";
import { getProfile, type Profile } from "./business.ts";
import { recordPublicChange } from "./data-version.ts";
import { business, salonPage } from "./schema.ts";

export interface SalonPageSettings {
  intro: string | null;
  languages: Locale[];
  logoFile: string | null;
  logoType: string | null;
  /** When the row last changed: a new logo under the same file name gets a new URL. */
  updatedAt: number;
}

/** What the salon's public pages render: the profile and the booking page's settings. */
export interface PublicProfile extends Profile {
  page: SalonPageSettings;
}

export interface SalonPageEdit {
  intro: string | null;
  accentColor: string | null;
  consentText: string | null;
  languages: string[];
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** An accent colour the pages may put into CSS: exactly "#rrggbb", nothing that could end a declaration. */
export const isAccentColor = (value: string | null | undefined): value is string => typeof value === "string" && COLOR.test(value);

export async function getSalonPage(reader: Reader): Promise<SalonPageSettings> {
  const [row] = await reader.select().from(salonPage).where(eq(salonPage.id, 1));
  return {
    intro: row?.intro ?? null,
    languages: (row?.languages ?? [...LOCALES]).filter(isLocale),
    logoFile: row?.logoFile ?? null,
    logoType: row?.logoType ?? null,
    updatedAt: row?.updatedAt ?? 0,
  };
}

export async function getPublicProfile(db: Database): Promise<PublicProfile> {
  const [profile, page] = await Promise.all([getProfile(db), getSalonPage(db.orm)]);
  return { ...profile, page };
}

/** The languages the salon's pages offer; never none (then only the salon's own language). */
export const offeredLocales = (profile: PublicProfile): Locale[] => (profile.page.languages.length > 0 ? profile.page.languages : [profile.locale]);

/**
 * The language a public page speaks: the asked one when the salon offers it, otherwise the salon's
 * default — or, when the owner stopped offering even that, the first language it does offer.
 */
export function publicLocale(profile: PublicProfile, asked: Locale): Locale {
  const offered = offeredLocales(profile);
  if (offered.includes(asked)) return asked;
  return offered.includes(profile.locale) ? profile.locale : offered[0]!;
}

/** Writes the one salon_page row (created on first use: tenants made before migration 0013 have none). */
export async function upsertSalonPage(tx: Tx, values: Partial<typeof salonPage.$inferInsert>, now: number): Promise<void> {
  await tx
    .insert(salonPage)
    .values({ id: 1, languages: [...LOCALES], ...values, updatedAt: now })
    .onConflictDoUpdate({ target: salonPage.id, set: { ...values, updatedAt: now } });
}

export async function updateSalonPage(deps: { db: Database; clock: Clock }, actor: Actor, edit: SalonPageEdit): Promise<void> {
  const p = new Problems();
  if (edit.intro) p.check(edit.intro.length <= 1000, "intro", "salon_page.text_too_long", { max: 1000 });
  if (edit.consentText) p.check(edit.consentText.length <= 3000, "consent_text", "salon_page.text_too_long", { max: 3000 });
  if (edit.accentColor) p.check(isAccentColor(edit.accentColor), "accent_color", "service.color_invalid");
  p.check(edit.languages.length > 0 && edit.languages.every(isLocale), "languages", "salon_page.languages_invalid");
  p.throwIfAny();
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    await tx.update(business).set({ accentColor: edit.accentColor, consentText: edit.consentText }).where(eq(business.id, 1));
    await upsertSalonPage(tx, { intro: edit.intro, languages: LOCALES.filter((l) => edit.languages.includes(l)) }, now);
    await recordPublicChange(tx, { at: now, actor: actor.label, userId: actor.userId, action: "salon_page.update", entity: "business", entityId: 1, details: { ...edit } });
  });
}
