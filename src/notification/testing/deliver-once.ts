// A separate sender process for the crash test: drains one tenant database against SMS.ru at
// `smsRuUrl`, with the clock fixed at `nowMs`. The test kills it with SIGKILL mid-send.
//   bun deliver-once.ts <tenant.db path> <smsRuUrl> <nowMs>
import { openDatabase } from "../../db/database.ts";
import { fixedClock } from "../../time/clock.ts";
import { deliverDue } from "../delivery.ts";
import { fakeDeliveryDeps } from "./deps.ts";

const [path, smsRu, now] = process.argv.slice(2);
const db = await openDatabase({ url: `file:${path}` });
const deps = fakeDeliveryDeps(fixedClock(Number(now)), { smsRu });
console.log(JSON.stringify(await deliverDue(deps, { slug: "salon", db })));
deps.close();
db.close();
