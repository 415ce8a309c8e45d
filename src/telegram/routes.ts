/** Each salon bot's webhook: Telegram posts updates here with the secret_token set by setWebhook. */
import { Elysia } from "elysia";
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
    { detail: { summary: "The salon bot's webhook (registered by the product with setWebhook and a secret_token)", tags: ["Telegram"] } },
  );
