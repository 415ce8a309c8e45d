/**
 * A spreadsheet as a stream of rows of text: .xlsx through the lean reader of xlsx.ts, .csv through
 * csv-parse's stream. Neither holds the file or the whole sheet in memory (reading 20,000 rows at
 * once took 870 MB), and every cell and row is capped, so a 5 MB cell is refused with its row
 * number instead of being imported. Excel-RU CSV comes with a BOM, ";" separators and CRLF, and
 * free-text cells may hold quotes, separators and line breaks, so it is read by a real CSV parser;
 * the separator is taken from the header line.
 */
import { parse } from "csv-parse";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { basename, extname } from "node:path";
import { AppError } from "../../error/app-error.ts";
import { xlsxRows } from "./xlsx.ts";

/** One row of text cells; `line` is its row number in the sheet (the CSV record number, 1 = header). */
export interface TableRow {
  line: number;
  cells: string[];
}

// A client's longest field is a free-text comment: a few thousand characters at most in real exports.
export const MAX_CELL_CHARS = 10_000;
export const MAX_ROW_CHARS = 50_000;
const MAX_COLUMNS = 200;

/** The rows of the file's first sheet, header first, each checked against the caps. */
export async function* readRows(path: string): AsyncGenerator<TableRow> {
  const ext = extname(path).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx") throw new AppError("VALIDATION_ERROR", [{ field: "file", key: "import.file.type", params: { file: path } }]);
  const rows = ext === ".csv" ? csvRows(path) : xlsxRows(path, { maxCell: MAX_CELL_CHARS, maxRow: MAX_ROW_CHARS });
  for (;;) {
    let next: IteratorResult<TableRow>;
    try {
      next = await rows.next();
    } catch (e) {
      throw e instanceof AppError ? e : unreadable(path, e);
    }
    if (next.done) return;
    checkSize(path, next.value);
    yield next.value;
  }
}

function checkSize(path: string, { line, cells }: TableRow): void {
  const file = basename(path);
  const longest = cells.reduce((best, cell, i) => (cell.length > (cells[best]?.length ?? 0) ? i : best), 0);
  if ((cells[longest]?.length ?? 0) > MAX_CELL_CHARS) {
    throw tooLarge("import.file.cell_too_long", { file, row: line, column: longest + 1, max: MAX_CELL_CHARS });
  }
  if (cells.length > MAX_COLUMNS || cells.reduce((n, c) => n + c.length, 0) > MAX_ROW_CHARS) {
    throw tooLarge("import.file.row_too_long", { file, row: line, max: MAX_ROW_CHARS, max_cell: MAX_CELL_CHARS });
  }
}

async function* csvRows(path: string): AsyncGenerator<TableRow> {
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      delimiter: await csvDelimiter(path),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      // the parser itself stops buffering a runaway field (an unclosed quote, a 5 MB cell)
      max_record_size: MAX_ROW_CHARS,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      yield { line: info.records, cells: record };
    }
  } catch (e) {
    // the parser's error says how many records it had read and which field (0-based) overflowed
    const error = e as { code?: string; records?: number; column?: number };
    if (error.code === "CSV_MAX_RECORD_SIZE") {
      throw tooLarge("import.file.cell_too_long", { file: basename(path), row: (error.records ?? 0) + 1, column: (error.column ?? 0) + 1, max: MAX_CELL_CHARS });
    }
    throw e;
  }
}

/** The separator with the most columns in the header line (read from the first 64 KB only). */
async function csvDelimiter(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const header = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
    return [";", "\t", ","].reduce((best, d) => (header.split(d).length > header.split(best).length ? d : best), ";");
  } finally {
    await handle.close();
  }
}

const tooLarge = (key: "import.file.cell_too_long" | "import.file.row_too_long", params: Record<string, string | number>) =>
  new AppError("VALIDATION_ERROR", [{ field: "file", key, params }]);

function unreadable(path: string, e: unknown): AppError {
  const reason = e instanceof Error ? e.message.split("\n")[0]! : String(e);
  return new AppError("VALIDATION_ERROR", [{ field: "file", key: "import.file.unreadable", params: { file: path, reason } }]);
}
