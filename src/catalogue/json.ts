/** The JSON API's shapes of catalogue rows (snake_case, as the product spec names them). */
import { ratingSchema } from "../review/ratings.ts";
import { t } from "../http/schema-builder.ts";
import { nullable } from "../http/openapi.ts";
import type { ResourceRow, ServiceView, StaffView } from "./queries.ts";
import type { ResourceInput, StaffInput } from "./staff.ts";
import type { Rating } from "../review/ratings.ts";
import type { ServiceInput } from "./services.ts";

export const serviceJson = (s: ServiceView) => ({
  id: s.id,
  title: s.title,
  description: s.description,
  category_id: s.categoryId,
  duration_minutes: s.durationMinutes,
  price: s.priceMinor,
  price_max: s.priceMaxMinor,
  buffer_before: s.bufferBeforeMinutes,
  buffer_after: s.bufferAfterMinutes,
  capacity: s.capacity,
  bookable_online: s.bookableOnline,
  staff_required: s.staffRequired,
  active: s.active,
  sort_order: s.sortOrder,
  color: s.color,
  staff_ids: s.staffIds,
  requirements: s.requirements.map((resourceIds) => ({ resource_ids: resourceIds })),
  // issue 13
  prepayment: s.prepaymentMode === null ? null : { mode: s.prepaymentMode, value: s.prepaymentValue },
});

/** Phone and the active flag are for the salon's staff only. */
export const staffJson = (s: StaffView, admin: boolean, rating: Rating) => ({
  id: s.id,
  name: s.name,
  position: s.position,
  photo: s.photo,
  bio: s.bio,
  sort_order: s.sortOrder,
  service_ids: s.serviceIds,
  location_ids: s.locationIds,
  // issue 15: published reviews of this master
  rating,
  ...(admin ? { phone: s.phone, active: s.active } : {}),
});

export const resourceJson = (r: ResourceRow) => ({ id: r.id, name: r.name, kind: r.kind, active: r.active, sort_order: r.sortOrder, location_id: r.locationId });

export interface ServiceBody {
  title?: string;
  description?: string | null;
  category?: string;
  category_id?: number | null;
  duration_minutes?: number;
  price?: number;
  price_max?: number | null;
  buffer_before?: number;
  buffer_after?: number;
  capacity?: number;
  bookable_online?: boolean;
  staff_required?: boolean;
  active?: boolean;
  sort_order?: number;
  color?: string | null;
  staff_ids?: number[];
  resource_ids?: number[];
  requirements?: Array<{ resource_ids: number[] }>;
  prepayment?: { mode: string; value?: number } | null;
}

/** `resource_ids` is shorthand for one requirement set; `requirements` gives several. */
export function serviceInput(b: ServiceBody): ServiceInput {
  const sets = [...(b.resource_ids ? [b.resource_ids] : []), ...(b.requirements ?? []).map((r) => r.resource_ids)];
  return {
    title: b.title,
    description: b.description,
    categoryName: b.category,
    categoryId: b.category_id,
    durationMinutes: b.duration_minutes,
    priceMinor: b.price,
    priceMaxMinor: b.price_max,
    bufferBeforeMinutes: b.buffer_before,
    bufferAfterMinutes: b.buffer_after,
    capacity: b.capacity,
    bookableOnline: b.bookable_online,
    staffRequired: b.staff_required,
    active: b.active,
    sortOrder: b.sort_order,
    color: b.color,
    staffIds: b.staff_ids,
    requirements: b.resource_ids || b.requirements ? sets : undefined,
    prepayment: b.prepayment,
  };
}

export interface StaffBody {
  name?: string;
  phone?: string | null;
  position?: string | null;
  photo?: string | null;
  bio?: string | null;
  active?: boolean;
  sort_order?: number;
  service_ids?: number[];
  location_ids?: number[];
}

export const staffInput = (b: StaffBody): StaffInput => ({
  name: b.name,
  phone: b.phone,
  position: b.position,
  photo: b.photo,
  bio: b.bio,
  active: b.active,
  sortOrder: b.sort_order,
  serviceIds: b.service_ids,
  locationIds: b.location_ids,
});

export interface ResourceBody {
  name?: string;
  kind?: "room" | "equipment" | "other";
  active?: boolean;
  sort_order?: number;
  location_id?: number;
}

export const resourceInput = (b: ResourceBody): ResourceInput => ({ name: b.name, kind: b.kind, active: b.active, sortOrder: b.sort_order, locationId: b.location_id });

// issue 18: the documented shapes of the above (OpenAPI; the API walk test holds them to the real answers)
export const serviceSchema = t.Object({
  id: t.Integer(),
  title: t.String(),
  description: nullable(t.String()),
  category_id: nullable(t.Integer()),
  duration_minutes: t.Integer(),
  price: t.Integer({ description: "Minor units (kopecks)" }),
  price_max: nullable(t.Integer()),
  buffer_before: t.Integer(),
  buffer_after: t.Integer(),
  capacity: t.Integer(),
  bookable_online: t.Boolean(),
  staff_required: t.Boolean(),
  active: t.Boolean(),
  sort_order: t.Integer(),
  color: nullable(t.String()),
  staff_ids: t.Array(t.Integer()),
  requirements: t.Array(t.Object({ resource_ids: t.Array(t.Integer()) })),
  // issue 13
  prepayment: nullable(t.Object({ mode: t.String({ description: "none, percent, fixed or full" }), value: t.Integer() }, { description: "Its own prepayment over the salon's; null: the salon's" })),
});
export const staffSchema = t.Object({
  id: t.Integer(),
  name: t.String(),
  position: nullable(t.String()),
  photo: nullable(t.String()),
  bio: nullable(t.String()),
  sort_order: t.Integer(),
  service_ids: t.Array(t.Integer()),
  location_ids: t.Array(t.Integer(), { description: "The branches the master works in" }),
  rating: ratingSchema,
  phone: t.Optional(nullable(t.String({ description: "With a catalogue token only" }))),
  active: t.Optional(t.Boolean({ description: "With a catalogue token only" })),
});
export const resourceSchema = t.Object({
  id: t.Integer(),
  name: t.String(),
  kind: t.Union([t.Literal("room"), t.Literal("equipment"), t.Literal("other")]),
  active: t.Boolean(),
  sort_order: t.Integer(),
  location_id: t.Integer({ description: "The branch it stands in" }),
});
