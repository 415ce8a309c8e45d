import { sqliteTable, integer, text } from "drizzle-orm/sqlite-core";

/** Where the salon's pages may be framed and its VK Mini App (migrations/tenant/0095_channels.sql). */
export const salonChannels = sqliteTable("salon_channels", {
  id: integer("id").primaryKey(),
  embedOrigins: text("embed_origins", { mode: "json" }).$type<string[]>().notNull(),
  vkAppId: text("vk_app_id"),
  vkAppSecret: text("vk_app_secret"),
});
