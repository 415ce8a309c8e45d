import { swagger } from "@elysiajs/swagger";
import { Elysia } from "elysia";
import { assetUrl } from "./assets.ts";

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zapis API</title><link rel="stylesheet" href="${assetUrl("swagger-ui.css")}"></head>
<body><div id="swagger-ui"></div><script src="${assetUrl("swagger-ui-bundle.js")}"></script>
<script src="/api/docs/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: "/api/docs/json", dom_id: "#swagger-ui" });`;

/**
 * `/api/docs` (Swagger UI) and `/api/docs/json` (OpenAPI). The plugin builds the spec from the
 * routes' schemas, but its page loads Swagger UI from a CDN; this page is answered first (onRequest)
 * and loads the copy embedded in the binary, so the docs work offline.
 */
export const apiDocs = (version: string) =>
  new Elysia()
    .onRequest(({ request }) => {
      const path = new URL(request.url).pathname;
      if (path === "/api/docs") return new Response(PAGE, { headers: { "content-type": "text/html; charset=utf-8" } });
      if (path === "/api/docs/init.js") return new Response(INIT, { headers: { "content-type": "text/javascript" } });
    })
    .use(
      swagger({
        provider: "swagger-ui",
        path: "/api/docs",
        specPath: "/api/docs/json",
        documentation: {
          info: { title: "Zapis API", version, description: "Online booking for salons: public and admin JSON API." },
        },
      }),
    );
