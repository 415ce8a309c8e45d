/**
 * The rows of an .xlsx's first worksheet as text, read lean: only the workbook, its relations, the
 * styles (to tell a date from a number), the shared strings and that one sheet are inflated, each as
 * a stream. ExcelJS's streaming reader cost ~125 MB for a 20,000-row export, which left no room under
 * the import's 200 MB budget. No cell's text is kept past `maxCell` + 1 characters and no row's past
 * `maxRow` + 1, so an oversize cell is still seen (and refused by the caller) without being built.
 */
import type { TableRow } from "./table.ts";
import { memberChunks, zipMembers, type ZipMember } from "./zip.ts";
import { XmlStream, type XmlHandler } from "./xml-stream.ts";

export interface XlsxCaps {
  maxCell: number;
  maxRow: number;
}

// built-in number formats 14–22 are dates (and date-times); custom ones are dates if they show d, m or y
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22]);
// shared strings of a real export are a few MB; a sheet that claims more is refused, not held
const MAX_SHARED_CHARS = 32 * 1024 * 1024;
// Excel's widest sheet: a cell reference past it is damage, not data
const MAX_COLUMN = 16_384;

export async function* xlsxRows(path: string, caps: XlsxCaps): AsyncGenerator<TableRow> {
  const members = await zipMembers(path);
  const member = (name: string) => members.get(name);
  const workbook = await readWorkbook(path, members);
  const styles = await readDateStyles(path, member("xl/styles.xml"));
  const shared = await readSharedStrings(path, member("xl/sharedStrings.xml"), caps.maxCell);
  const sheet = member(workbook.sheet);
  if (!sheet) throw new Error("the workbook has no worksheet");
  const rows: TableRow[] = [];
  const parser = new XmlStream(sheetHandler(rows, { shared, styles, date1904: workbook.date1904, caps }));
  for await (const text of decoded(memberChunks(path, sheet))) {
    parser.write(text);
    yield* rows.splice(0);
  }
  parser.end();
  yield* rows.splice(0);
}

interface SheetContext {
  shared: string[];
  styles: boolean[];
  date1904: boolean;
  caps: XlsxCaps;
}

function sheetHandler(out: TableRow[], ctx: SheetContext): XmlHandler {
  let line = 0;
  let cells: string[] = [];
  let rowChars = 0;
  let column = -1;
  let type = "";
  let style = 0;
  let value = "";
  let capturing = false;
  let phonetic = 0;
  return {
    open(name, a) {
      if (name === "row") {
        line = a.r ? Number(a.r) : line + 1;
        cells = [];
        rowChars = 0;
        column = -1;
      } else if (name === "c") {
        column = a.r ? columnIndex(a.r) : column + 1;
        type = a.t ?? "";
        style = Number(a.s ?? 0);
        value = "";
      } else if (name === "rPh") phonetic++;
      else if (name === "v" || (name === "t" && phonetic === 0)) capturing = true;
    },
    text(text) {
      // the cell stops growing one character past the cap (enough to refuse it), and the row likewise
      if (!capturing || value.length > ctx.caps.maxCell || rowChars + value.length > ctx.caps.maxRow) return;
      value += text.slice(0, ctx.caps.maxCell + 1 - value.length);
    },
    close(name) {
      if (name === "v" || name === "t") capturing = false;
      else if (name === "rPh") phonetic--;
      else if (name === "c" && column < MAX_COLUMN) {
        const text = cellText(type, value, style, ctx);
        while (cells.length < column) cells.push("");
        cells[column] = text;
        rowChars += text.length;
      } else if (name === "row" && cells.some((c) => c !== "")) out.push({ line, cells });
    },
  };
}

/** What the cell shows, as ExcelJS's reader read it before: numbers as written, dates as dd.mm.yyyy. */
function cellText(type: string, value: string, style: number, ctx: SheetContext): string {
  switch (type) {
    case "s":
      return (ctx.shared[Number(value)] ?? "").trim();
    case "b":
      return value === "" ? "" : String(value === "1");
    case "e":
      return "";
    case "inlineStr":
    case "str":
      return unescapeOoxml(value).trim();
    case "d":
      return /^\d{4}-\d{2}-\d{2}/.test(value) ? `${value.slice(8, 10)}.${value.slice(5, 7)}.${value.slice(0, 4)}` : value.trim();
  }
  if (value.trim() === "") return "";
  const number = Number(value);
  if (!Number.isFinite(number)) return value.trim();
  return ctx.styles[style] ? serialDate(number, ctx.date1904) : String(number);
}

/** An Excel serial day (no zone: a calendar date) as dd.mm.yyyy; 25569 is 1970-01-01. */
function serialDate(serial: number, date1904: boolean): string {
  const iso = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)).toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** "AB12" → 27 (0-based column). */
function columnIndex(reference: string): number {
  let n = 0;
  for (const c of reference.toUpperCase()) {
    if (c < "A" || c > "Z") break;
    n = n * 26 + (c.charCodeAt(0) - 64);
  }
  return n - 1;
}

// OOXML writes characters XML cannot hold (a bare CR, other controls) as _xHHHH_
const unescapeOoxml = (text: string) => text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

async function* decoded(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

async function parse(path: string, member: ZipMember | undefined, handler: XmlHandler): Promise<void> {
  if (!member) return;
  const parser = new XmlStream(handler);
  for await (const text of decoded(memberChunks(path, member))) parser.write(text);
  parser.end();
}

/** The first sheet's part name (through the workbook's relations) and the workbook's date system. */
async function readWorkbook(path: string, members: Map<string, ZipMember>): Promise<{ sheet: string; date1904: boolean }> {
  let relation = "";
  let date1904 = false;
  await parse(path, members.get("xl/workbook.xml"), {
    open(name, a) {
      if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
      else if (name === "sheet" && !relation) relation = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1] ?? "";
    },
    close() {},
    text() {},
  });
  let target = "";
  await parse(path, members.get("xl/_rels/workbook.xml.rels"), {
    open(name, a) {
      if (name === "Relationship" && a.Id === relation) target = a.Target ?? "";
    },
    close() {},
    text() {},
  });
  const sheet = target.startsWith("/") ? target.slice(1) : target ? `xl/${target}` : "xl/worksheets/sheet1.xml";
  return { sheet, date1904 };
}

/** For each cell style (the `s` of a cell), whether its number format shows a date. */
async function readDateStyles(path: string, member: ZipMember | undefined): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await parse(path, member, {
    open(name, a) {
      if (name === "numFmt") custom.set(Number(a.numFmtId), a.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) formats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
    text() {},
  });
  return formats.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATES.has(id)));
}

/** A custom format is a date if, outside [colours/locales], "literals" and \escapes, it has d, m or y. */
const isDateFormat = (code: string) => /[dmy]/i.test(code.replace(/\[[^\]]*\]|"[^"]*"|\\./g, ""));

async function readSharedStrings(path: string, member: ZipMember | undefined, maxCell: number): Promise<string[]> {
  const strings: string[] = [];
  let total = 0;
  let current = "";
  let capturing = false;
  let phonetic = 0;
  await parse(path, member, {
    open(name) {
      if (name === "si") current = "";
      else if (name === "rPh") phonetic++;
      else if (name === "t" && phonetic === 0) capturing = true;
    },
    text(text) {
      if (capturing && current.length <= maxCell) current += text.slice(0, maxCell + 1 - current.length);
    },
    close(name) {
      if (name === "t") capturing = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si") {
        total += current.length;
        if (total > MAX_SHARED_CHARS) throw new Error("the workbook's shared strings are too large");
        strings.push(unescapeOoxml(current));
      }
    },
  });
  return strings;
}
