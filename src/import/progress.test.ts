import { describe, expect, test } from "bun:test";
import { progressPrinter } from "./progress.ts";

const capture = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { out: { isTTY, write: (text: string) => chunks.push(text) }, text: () => chunks.join("") };
};

describe("import progress", () => {
  test("a terminal gets one redrawn bar per entity", () => {
    const { out, text } = capture(true);
    const progress = progressPrinter(out);
    progress.update({ entity: "clients", done: 50, total: 100 });
    progress.update({ entity: "clients", done: 100, total: 100 });
    progress.update({ entity: "bookings", done: 10, total: null });
    progress.finish();
    const lines = text().split("\n");
    expect(lines.length).toBe(3); // two finished bars and the end of output
    expect(lines[0]).toContain(`\rclients    [${"█".repeat(12)}${"░".repeat(12)}] 50/100`);
    expect(lines[0]!.endsWith(`[${"█".repeat(24)}] 100/100\x1b[K`)).toBe(true);
    expect(lines[1]).toContain("bookings   [");
  });

  test("a pipe or a file gets plain lines", () => {
    const { out, text } = capture(false);
    const progress = progressPrinter(out);
    progress.update({ entity: "clients", done: 50, total: 121 });
    progress.update({ entity: "reviews", done: 21, total: null });
    progress.finish();
    expect(text()).toBe("clients: 50/121\nreviews: 21\n");
  });
});
