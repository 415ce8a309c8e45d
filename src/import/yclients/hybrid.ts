/**
 * "Book in YClients" (issue 18): a salon moving service by service keeps some services booked in
 * YClients. A client who picks such a service (and a master) here is sent to the salon's YClients
 * booking form with both already chosen. The address is built from ids alone (digits): the form
 * and company numbers the owner gave, and the YClients ids the import linked to the service and the
 * master; a string the salon typed never becomes the URL. The form's `o` parameter takes
 * `m<master id>` (`m-1`: any master) and `s<service ids>`. Contact details cannot be carried over:
 * the form takes none in its address, so the client types them there.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../account/permissions.ts";
import { recordAudit } from "../../audit/audit.ts";
import { services } from "../../catalogue/schema.ts";
import type { Database, Reader } from "../../db/database.ts";
import { Problems } from "../../error/problems.ts";
import type { Clock } from "../../time/clock.ts";
import { importLinks, yclientsHybrid, yclientsHybridServices } from "../schema.ts";

const YCLIENTS_ID = /^[1-9]\d{0,11}$/;

export interface HybridSettings {
  formId: string;
  companyId: string;
  serviceIds: number[];
}

export async function readHybrid(reader: Reader): Promise<HybridSettings | null> {
  const [row] = await reader.select().from(yclientsHybrid).where(eq(yclientsHybrid.id, 1));
  if (!row) return null;
  const list = await reader.select().from(yclientsHybridServices);
  return { formId: row.formId, companyId: row.companyId, serviceIds: list.map((s) => s.serviceId).sort((a, b) => a - b) };
}

/** Sets the form and the services booked in YClients (an empty list turns hybrid mode off). */
export async function setHybrid(deps: { db: Database; clock: Clock }, actor: Actor, input: HybridSettings): Promise<void> {
  const p = new Problems();
  p.check(YCLIENTS_ID.test(input.formId), "form_id", "import.hybrid.form_id_invalid");
  p.check(YCLIENTS_ID.test(input.companyId), "company_id", "import.hybrid.company_id_invalid");
  p.throwIfAny();
  const ids = [...new Set(input.serviceIds)];
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const known = ids.length === 0 ? [] : await tx.select({ id: services.id }).from(services).where(inArray(services.id, ids));
    const missing = new Problems();
    missing.check(known.length === ids.length, "service_ids", "import.hybrid.service_unknown");
    missing.throwIfAny();
    const row = { formId: input.formId, companyId: input.companyId, updatedAt: now };
    await tx.insert(yclientsHybrid).values({ id: 1, ...row }).onConflictDoUpdate({ target: yclientsHybrid.id, set: row });
    await tx.delete(yclientsHybridServices);
    if (ids.length > 0) await tx.insert(yclientsHybridServices).values(ids.map((serviceId) => ({ serviceId })));
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "import.yclients.hybrid", entity: "import", entityId: input.companyId, details: { form_id: input.formId, service_ids: ids } });
  });
}

/**
 * Where the booking flow sends a client instead of offering times: null unless one of the chosen
 * services is booked in YClients and every chosen service (and the master, when one was chosen)
 * has a YClients id from the import.
 */
export async function yclientsHandoff(reader: Reader, serviceIds: number[], staffId: number | "any"): Promise<string | null> {
  if (serviceIds.length === 0) return null;
  const flagged = await reader.select().from(yclientsHybridServices).where(inArray(yclientsHybridServices.serviceId, serviceIds));
  if (flagged.length === 0) return null;
  const settings = await readHybrid(reader);
  if (!settings) return null;
  const external = async (entity: "service" | "staff", ids: number[]) => {
    const rows = await reader
      .select({ localId: importLinks.localId, externalId: importLinks.externalId })
      .from(importLinks)
      .where(and(eq(importLinks.source, "yclients"), eq(importLinks.entity, entity), inArray(importLinks.localId, ids)));
    const byLocal = new Map(rows.map((r) => [r.localId, r.externalId]));
    const found = ids.map((id) => byLocal.get(id));
    return found.every((id): id is string => id !== undefined && YCLIENTS_ID.test(id)) ? found : null;
  };
  const serviceRefs = await external("service", serviceIds);
  const master = staffId === "any" ? ["-1"] : await external("staff", [staffId]);
  if (!serviceRefs || !master) return null;
  const url = new URL(`https://n${settings.formId}.yclients.com/company/${settings.companyId}/personal/select-time`);
  url.searchParams.set("o", `m${master[0]}s${serviceRefs.join(",")}`);
  return url.toString();
}
