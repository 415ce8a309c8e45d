/** YClients reviews («комментарии») → reviews, tied to the master and, when left after a visit, to its booking. */
import { eq } from "drizzle-orm";
import { localToInstant } from "../../time/zone.ts";
import { readerOf, sync, type Batch, type ImportContext } from "../context.ts";
import { reviews } from "../../review/schema.ts";
import type { YcReview } from "./model.ts";

export async function importReview(ctx: ImportContext, tx: Batch, review: YcReview): Promise<void> {
  const reader = readerOf(ctx, tx);
  const staff = review.staffId ? await ctx.links.get(reader, "staff", review.staffId) : null;
  const booking = review.recordId ? await ctx.links.get(reader, "booking", review.recordId) : null;
  const values = {
    staffId: staff?.localId ?? null,
    bookingId: booking?.localId ?? null,
    authorName: review.author || null,
    rating: review.rating,
    text: review.text,
    createdAt: "epochMs" in review.at ? review.at.epochMs : localToInstant(review.at.date, review.at.minutes, ctx.salon.timezone, "compatible"),
  };
  await sync(ctx, tx, {
    entity: "review",
    reportAs: "reviews",
    externalId: review.id,
    values,
    create: async (w) => (await w.insert(reviews).values(values).returning({ id: reviews.id }))[0]!.id,
    update: async (w, id) => void (await w.update(reviews).set(values).where(eq(reviews.id, id))),
  });
}
