/** Each salon bot's webhook: Telegram posts updates here with the secret_token set by setWebhook. */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { apiDoc } from "../http/openapi.ts";
import type { AppDeps } from "../http/app.ts";
import { AppError, validationError } from "../error/app-error.ts";
import { tenantScope } from "../tenant/scope.ts";
import { isUpdate, receiveUpdate, webhookSecretMatches } from "./updates.ts";

export const telegramApi = (deps: Pick<AppDeps, "tenants" | "clock" | "config">) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" }).use(tenantScope(deps.tenants)).post(
    "/telegram/webhook",
    async ({ db, tenant, headers, body }) => {
      // Another salon's bot, or anyone else, does not know this salon's secret: refused before any read of the body.
      if (!(await webhookSecretMatches(db, headers["x-telegram-bot-api-secret-token"]))) throw new AppError("UNAUTHORIZED", [{ key: "error.unauthorized" }]);
      if (!isUpdate(body)) throw validationError([{ field: "body", key: "error.bad_json" }]);
      await receiveUpdate({ db, clock: deps.clock, slug: tenant.slug, config: deps.config }, body);
      return { ok: true };
    },
    {
      detail: apiDoc({
        summary: "The salon bot's webhook",
        description: "Telegram posts the bot's Updates here; Zapis registers it with setWebhook and a random secret_token, which every call must carry as X-Telegram-Bot-Api-Secret-Token (else 401).",
        tags: ["Telegram"],
        auth: "none",
        body: t.Object({ update_id: t.Integer() }, { additionalProperties: true, description: "A Telegram Update" }),
        ok: { 200: { description: "The update was taken", schema: t.Object({ ok: t.Boolean() }) } },
        errors: ["UNAUTHORIZED", "VALIDATION_ERROR"],
      }),
    },
  );
