/**
 * The second process of the cross-process wallet race (test/second-process.ts):
 *   bun src/wallet/testing/spend-worker.ts <dataDir> <slug> <token> <clientId> <requests> <amount> <now>
 * fires the withdrawals at once.
 */
import { raceWorker } from "../../../test/second-process.ts";

const [dataDir, slug, token, clientId, requests, amount, now] = process.argv.slice(2);
if (!dataDir || !slug || !token || !clientId || !requests || !amount || !now) throw new Error("usage: spend-worker <dataDir> <slug> <token> <clientId> <requests> <amount> <now>");
await raceWorker(dataDir, slug, Number(now), (app) =>
  Promise.all(
    Array.from({ length: Number(requests) }, async () => {
      const res = await app.handle(
        new Request(`http://localhost/api/v1/businesses/${slug}/clients/${clientId}/wallet/transactions`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ type: "withdraw", amount: Number(amount), method: "cash" }),
        }),
      );
      return res.status;
    }),
  ),
);
