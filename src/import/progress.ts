/**
 * Progress of an import for a person watching: one redrawn bar per entity on a terminal, plain lines
 * (one per page) when the output is a file or a pipe.
 */
import type { Progress } from "./yclients/import.ts";

const WIDTH = 24;

export interface ProgressOutput {
  isTTY?: boolean | undefined;
  write(text: string): unknown;
}

export function progressPrinter(out: ProgressOutput): { update(progress: Progress): void; finish(): void } {
  let current: string | null = null;
  const finish = () => {
    if (out.isTTY && current !== null) out.write("\n");
    current = null;
  };
  return {
    update({ entity, done, total }) {
      const of = total !== null && total >= done ? `${done}/${total}` : `${done}`;
      if (!out.isTTY) {
        out.write(`${entity}: ${of}\n`);
        return;
      }
      if (current !== entity) finish();
      current = entity;
      const ratio = total ? Math.min(1, done / total) : 1;
      const filled = Math.round(ratio * WIDTH);
      out.write(`\r${entity.padEnd(10)} [${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${of}\x1b[K`);
    },
    finish,
  };
}
