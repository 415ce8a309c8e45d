/**
 * The owner's channel settings that live beside the booking pages: which sites may frame them
 * (embed_origins) and the salon's VK Mini App. The VK secret is write-only: it is stored to check
 * launch signatures and never read back out (the audit log records only that it changed).
 */
import { eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordPublicChange } from "../business/data-version.ts";
import type { Database, Reader } from "../db/database.ts";
import { hasValues, Problems } from "../error/problems.ts";
import type { Clock } from "../time/clock.ts";
import { MAX_EMBED_ORIGINS, parseEmbedOrigin } from "./origins.ts";
import { salonChannels } from "./schema.ts";

export type SalonChannels = typeof salonChannels.$inferSelect;

export interface ChannelsPatch {
  embedOrigins?: string[];
  /** null removes the VK app; a missing app_secret keeps the saved one. */
  vk?: { appId: string; appSecret?: string } | null;
}

// VK shows an app's id as digits and its "secure key" as a short run of letters and digits.
const VK_APP_ID = /^\d{1,12}$/;
const VK_SECRET = /^[A-Za-z0-9_-]{8,100}$/;

export async function readChannels(db: Reader): Promise<SalonChannels> {
  const [row] = await db.select().from(salonChannels).where(eq(salonChannels.id, 1));
  return row ?? { id: 1, embedOrigins: [], vkAppId: null, vkAppSecret: null };
}

export interface ChannelValues {
  embedOrigins?: string[];
  vkAppId?: string | null;
  vkAppSecret?: string | null;
}

/**
 * Checks a patch (all problems at once) into the values to store. Separate from the write so the
 * settings PATCH can check every part of its body before it saves any.
 */
export function parseChannelsPatch(patch: ChannelsPatch): ChannelValues {
  const p = new Problems();
  let origins: string[] | undefined;
  if (patch.embedOrigins !== undefined) {
    origins = [...new Set(patch.embedOrigins.map(parseEmbedOrigin))].filter((o): o is string => o !== null);
    const bad = patch.embedOrigins.find((o) => parseEmbedOrigin(o) === null);
    p.check(bad === undefined, "embed_origins", "embed.origin_invalid", { origin: (bad ?? "").slice(0, 100) });
    p.check(origins.length <= MAX_EMBED_ORIGINS, "embed_origins", "embed.too_many", { max: MAX_EMBED_ORIGINS });
  }
  if (patch.vk) {
    p.check(VK_APP_ID.test(patch.vk.appId), "vk.app_id", "vk.app_id_invalid");
    if (patch.vk.appSecret !== undefined) p.check(VK_SECRET.test(patch.vk.appSecret), "vk.app_secret", "vk.secret_invalid");
  }
  p.throwIfAny();
  return {
    embedOrigins: origins,
    vkAppId: patch.vk === undefined ? undefined : (patch.vk?.appId ?? null),
    vkAppSecret: patch.vk === null ? null : patch.vk?.appSecret,
  };
}

/** Saves checked values in one audited write. */
export async function saveChannels(deps: { db: Database; clock: Clock }, actor: Actor, values: ChannelValues): Promise<void> {
  if (!hasValues(values)) return;
  await deps.db.write(async (tx) => {
    await tx.insert(salonChannels).values({ id: 1, embedOrigins: [] }).onConflictDoNothing();
    await tx.update(salonChannels).set(values).where(eq(salonChannels.id, 1));
    const details: Record<string, unknown> = {};
    if (values.embedOrigins) details.embed_origins = values.embedOrigins;
    if (values.vkAppId !== undefined) details.vk_app_id = values.vkAppId;
    if (values.vkAppSecret !== undefined) details.vk_app_secret = "changed";
    // Public: the pages' framing policy is cached with the page data.
    await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "channels.update", entity: "business", entityId: 1, details });
  });
}
