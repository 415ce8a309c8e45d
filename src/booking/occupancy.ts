import type { Assignment } from "../availability/model.ts";

const MINUTE_MS = 60_000;

export interface ServiceTerms {
  id: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

/** One resource (master, room, equipment) occupied by one service of a visit, buffers included. */
export interface OccupiedInterval {
  resourceId: number;
  serviceId: number;
  /** The service's own start: seats of a group session share it. */
  sessionTs: number;
  startTs: number;
  endTs: number;
}

/**
 * What a visit occupies, in the shape the availability engine checks against (engine.ts
 * `visitShape`): services back to back, only the first service's buffer_before and the last one's
 * buffer_after apply; each service occupies its master and its resources.
 */
export function occupiedBy(assignment: readonly Assignment[], terms: ReadonlyMap<number, ServiceTerms>): OccupiedInterval[] {
  const last = assignment.length - 1;
  return assignment.flatMap((a, i) => {
    const service = terms.get(a.serviceId);
    if (!service) throw new Error(`service ${a.serviceId} of the assignment was not loaded`);
    const startTs = a.start - (i === 0 ? service.bufferBeforeMinutes * MINUTE_MS : 0);
    const endTs = a.end + (i === last ? service.bufferAfterMinutes * MINUTE_MS : 0);
    const occupied = a.staffId === null ? a.resourceIds : [a.staffId, ...a.resourceIds];
    return occupied.map((resourceId) => ({ resourceId, serviceId: a.serviceId, sessionTs: a.start, startTs, endTs }));
  });
}
