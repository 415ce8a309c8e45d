import { describe, expect, test } from "bun:test";
import { flowFrom, flowQuery, type Flow } from "./flow.ts";

/** What flowQuery wrote before it joined the parameters by hand: the reference it must equal. */
function throughUrlSearchParams(flow: Partial<Flow> & Pick<Flow, "serviceIds">, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const id of flow.serviceIds) params.append("s", String(id));
  if (flow.staffId !== undefined) params.set("m", String(flow.staffId));
  if (flow.date) params.set("d", flow.date);
  if (flow.locationId) params.set("l", String(flow.locationId));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

describe("flow in the URL", () => {
  const cases: [Partial<Flow> & Pick<Flow, "serviceIds">, Record<string, string>][] = [
    [{ serviceIds: [3], staffId: "any", date: "2027-03-02" }, {}],
    [{ serviceIds: [1, 8], staffId: 12, date: null, locationId: 2 }, { start: "1800000000000" }],
    [{ serviceIds: [], staffId: 4, date: "2027-03-02" }, { t: "a b&c=d/é+~*._-" }],
    [{ serviceIds: [5] }, { "odd key": "x" }],
    [{ serviceIds: [5], staffId: "any", date: "2027-03-02 & m=1" }, {}],
  ];
  test.each(cases)("%j %j is written as URLSearchParams writes it", (flow, extra) => {
    expect(flowQuery(flow, extra)).toBe(throughUrlSearchParams(flow, extra));
  });

  test("a flow read back from its query is the same flow", () => {
    const flow: Flow = { serviceIds: [8, 1], staffId: 12, date: "2027-03-02", locationId: 2 };
    expect(flowFrom(new URLSearchParams(flowQuery(flow)))).toEqual(flow);
    expect(flowFrom(new URLSearchParams("s=1,x&m=-3&d=2027-02-30&l=0"))).toEqual({ serviceIds: [], staffId: "any", date: null, locationId: null });
  });
});
