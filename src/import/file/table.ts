/**
 * A spreadsheet as rows of text: .xlsx through ExcelJS, .csv through csv-parse. Excel-RU CSV comes
 * with a BOM, ";" separators and CRLF, and free-text cells may hold quotes, separators and line
 * breaks, so it is read by a real CSV parser; the separator is taken from the header line.
 */
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { extname } from "node:path";
import { AppError } from "../../error/app-error.ts";

export type Table = string[][];

export async function readTable(path: string): Promise<Table> {
  const ext = extname(path).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx") throw new AppError("VALIDATION_ERROR", [{ field: "file", key: "import.file.type", params: { file: path } }]);
  let bytes: Uint8Array;
  try {
    bytes = await Bun.file(path).bytes();
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    return ext === ".csv" ? readCsv(new TextDecoder("utf-8").decode(bytes)) : await readXlsx(bytes);
  } catch (e) {
    throw unreadable(path, e);
  }
}

function readCsv(text: string): Table {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [";", "\t", ","].reduce((best, d) => (header.split(d).length > header.split(best).length ? d : best), ";");
  return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as Table;
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  // loaded on first use: ExcelJS costs ~200 ms and ~30 MB at startup, and only this reader needs it
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Table = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
    rows.push(cells);
  });
  return rows;
}

/** Whatever a cell holds (text, number, date, rich text, hyperlink, formula) as the text a person sees. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // Excel dates carry no zone: ExcelJS reads them as UTC midnight
    const iso = value.toISOString();
    return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  }
  if (typeof value !== "object") return String(value).trim();
  if ("richText" in value) return value.richText.map((part) => part.text).join("").trim();
  if ("text" in value && typeof value.text === "string") return value.text.trim();
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  return "";
}

function unreadable(path: string, e: unknown): AppError {
  const reason = e instanceof Error ? e.message.split("\n")[0]! : String(e);
  return new AppError("VALIDATION_ERROR", [{ field: "file", key: "import.file.unreadable", params: { file: path, reason } }]);
}
