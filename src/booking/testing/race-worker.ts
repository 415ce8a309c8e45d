/**
 * The second process of the cross-process booking race (test/second-process.ts):
 *   bun src/booking/testing/race-worker.ts <dataDir> <slug> <requests> <json body> <now>
 * fires the bookings at once, each with its own client name.
 */
import { raceWorker } from "../../../test/second-process.ts";

const [dataDir, slug, requests, body, now] = process.argv.slice(2);
if (!dataDir || !slug || !requests || !body || !now) throw new Error("usage: race-worker <dataDir> <slug> <requests> <body> <now>");
await raceWorker(dataDir, slug, Number(now), (app) =>
  Promise.all(
    Array.from({ length: Number(requests) }, async (_, i) => {
      const payload = JSON.parse(body) as { client: { name: string } };
      payload.client.name = `${payload.client.name} ${i}`;
      const res = await app.handle(
        new Request(`http://localhost/api/v1/businesses/${slug}/bookings`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(payload),
        }),
      );
      return res.status;
    }),
  ),
);
