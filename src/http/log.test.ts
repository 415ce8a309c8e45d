import { expect, spyOn, test } from "bun:test";
import { logLine, logRequestLine } from "./log.ts";

const turn = () => new Promise((resolve) => setImmediate(resolve));
const linesOf = (written: unknown) => String(written).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

test("request lines of one turn go out in one write at its end, or first in the next other line's write; in order", async () => {
  const write = spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    logRequestLine({ path: "/a", status: 200 });
    logRequestLine({ path: "/b", status: 404 });
    expect(write.mock.calls).toHaveLength(0);
    await turn();
    expect(write.mock.calls).toHaveLength(1);
    expect(linesOf(write.mock.calls[0]![0])).toMatchObject([{ path: "/a", status: 200 }, { path: "/b", status: 404 }]);

    // a line logged at once (e.g. "stopped" right before exit) takes the pending request lines with it
    logRequestLine({ path: "/c", status: 200 });
    logLine({ level: "info", msg: "stopped" });
    expect(write.mock.calls).toHaveLength(2);
    expect(linesOf(write.mock.calls[1]![0]).map((l) => l.path ?? l.msg)).toEqual(["/c", "stopped"]);
    await turn();
    expect(write.mock.calls).toHaveLength(2);
  } finally {
    write.mockRestore();
  }
});
