import { swagger } from "@elysiajs/swagger";
import { Elysia } from "elysia";
import { assetUrl } from "./assets.ts";
import { openApi31 } from "./openapi.ts";
import { requestPath } from "./request-url.ts";

// Made on the first visit: its asset URLs hash the 1.7 MB of Swagger UI, which a server start need not read.
let page: string | undefined;
const docsPage = () => (page ??= `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zapis API</title><link rel="stylesheet" href="${assetUrl("swagger-ui.css")}"></head>
<body><div id="swagger-ui"></div><script src="${assetUrl("swagger-ui-bundle.js")}"></script>
<script src="/api/docs/init.js"></script></body></html>`);
const INIT = `window.ui = SwaggerUIBundle({ url: "/api/docs/json", dom_id: "#swagger-ui" });`;

/**
 * `/api/docs` (Swagger UI) and `/api/docs/json` (OpenAPI). The plugin builds the spec from the
 * routes' schemas, but its page loads Swagger UI from a CDN; this page is answered first (onRequest)
 * and loads the copy embedded in the binary, so the docs work offline. The plugin's document is
 * rewritten into valid OpenAPI 3.1 (src/http/openapi.ts) on its way out; pages are left out of it.
 */
const SPEC = "/api/docs/json";

export const apiDocs = (version: string) =>
  new Elysia()
    .onRequest(({ request }) => {
      const path = requestPath(request);
      if (path === "/api/docs") return new Response(docsPage(), { headers: { "content-type": "text/html; charset=utf-8" } });
      if (path === "/api/docs/init.js") return new Response(INIT, { headers: { "content-type": "text/javascript" } });
    })
    // issue 18: global, because the spec route lives in the plugin's own instance
    .onAfterHandle({ as: "global" }, ({ request, response }) => {
      if (response && typeof response === "object" && !(response instanceof Response) && requestPath(request) === SPEC) {
        return Response.json(openApi31(response as Record<string, unknown>));
      }
    })
    .use(
      swagger({
        provider: "swagger-ui",
        path: "/api/docs",
        specPath: SPEC,
        // the JSON API and the operator's probes; the HTML pages are not an API
        exclude: [/^\/(?!api\/|healthz$|readyz$|metrics$)/],
        documentation: {
          info: { title: "Zapis API", version, description: "Online booking for salons: public and admin JSON API." },
        },
      }),
    );
