// The lean .xlsx reader against workbooks written by ExcelJS (what a spreadsheet program writes) and
// against hand-zipped parts for what ExcelJS does not write (inline strings, gaps, custom formats).
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { AppError } from "../../error/app-error.ts";
import { t } from "../../i18n/i18n.ts";
import { readRows } from "./table.ts";
import { xlsxRows } from "./xlsx.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "zapis-xlsx-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const CAPS = { maxCell: 100, maxRow: 1_000 };
async function read(path: string, caps = CAPS) {
  const rows = [];
  for await (const row of xlsxRows(path, caps)) rows.push(row);
  return rows;
}

/** [offset, bytes (2 or 4), value] */
type Field = [number, 2 | 4, number];
/** A little-endian record: fields over zeros. */
function record(size: number, fields: Field[]): Buffer {
  const buffer = Buffer.alloc(size);
  for (const [at, bytes, value] of fields) (bytes === 2 ? buffer.writeUInt16LE(value, at) : buffer.writeUInt32LE(value, at));
  return buffer;
}

/** A zip of the given members, deflated, with its central directory: the format, written plainly. */
function zip(members: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(members)) {
    const raw = Buffer.from(text);
    const data = deflateRawSync(raw);
    const nameBytes = Buffer.from(name);
    // crc, sizes and name length: at 14 in a local header, at 16 in a central entry
    const sizes = (at: number): Field[] => [[at, 4, Bun.hash.crc32(raw)], [at + 4, 4, data.length], [at + 8, 4, raw.length], [at + 12, 2, nameBytes.length]];
    locals.push(record(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, 8], ...sizes(14)]), nameBytes, data);
    centrals.push(record(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, 8], ...sizes(16), [42, 4, offset]]), nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const count = centrals.length / 2;
  return Buffer.concat([...locals, directory, record(22, [[0, 4, 0x06054b50], [8, 2, count], [10, 2, count], [12, 4, directory.length], [16, 4, offset]])]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
/** A workbook whose first sheet is the given <sheetData> body, with a custom date format as style 1. */
function handmade(sheetData: string, sharedStrings = ""): Record<string, string> {
  return {
    "xl/workbook.xml": `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="Клиенты" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>`,
    "xl/styles.xml": `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="[$-419]DD&quot;/&quot;MM\\-YYYY"/><numFmt numFmtId="165" formatCode="0.00&quot; day&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`,
    "xl/sharedStrings.xml": `<sst ${NS}>${sharedStrings}</sst>`,
    "xl/worksheets/data.xml": `<worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`,
  };
}
async function write(name: string, members: Record<string, string>): Promise<string> {
  const path = join(dir, name);
  await Bun.write(path, zip(members));
  return path;
}

describe("the lean .xlsx reader", () => {
  test("an ExcelJS workbook: shared strings, rich text, numbers, booleans, built-in and custom dates, the first sheet only", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Клиенты");
    sheet.addRow(["Имя", "Телефон", "Дата", "Своя дата", "VIP", "Скидка"]);
    sheet.addRow([{ richText: [{ text: "Пётр " }, { text: "Сидоров & сын", font: { bold: true } }] }, 79161234567, new Date(Date.UTC(1990, 1, 3)), new Date(Date.UTC(2001, 11, 31)), true, 5.5]);
    sheet.getCell("C2").numFmt = "mm-dd-yy"; // built-in 14
    sheet.getCell("D2").numFmt = "dd.mm.yyyy"; // custom
    sheet.addRow([]);
    sheet.addRow(["  Анна  ", "<b>не тег</b>"]);
    workbook.addWorksheet("Второй").addRow(["не отсюда"]);
    const path = join(dir, "exceljs.xlsx");
    await Bun.write(path, (await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await read(path)).toEqual([
      { line: 1, cells: ["Имя", "Телефон", "Дата", "Своя дата", "VIP", "Скидка"] },
      { line: 2, cells: ["Пётр Сидоров & сын", "79161234567", "03.02.1990", "31.12.2001", "true", "5.5"] },
      { line: 4, cells: ["Анна", "<b>не тег</b>"] },
    ]);
  });

  test("inline strings, gaps in columns (A, C, AA), a prefixed namespace, a relation to another part name, custom formats", async () => {
    const path = await write(
      "handmade.xlsx",
      handmade(
        `<row r="1"><c r="A1" t="inlineStr"><is><t>Имя</t></is></c><c r="C1" t="s"><v>0</v></c><c r="AA1" t="inlineStr"><is><r><t>Ком</t></r><r><t xml:space="preserve">мент</t></r><rPh><t>ふりがな</t></rPh></is></c></row>` +
          `<row r="2"><c r="B2" s="1"><v>32907</v></c><c r="C2" s="2"><v>3</v></c><c r="D2" t="str"><f>A1</f><v>строка_x000D_два</v></c><c r="E2" t="e"><v>#N/A</v></c><c r="F2" t="inlineStr"><is><t><![CDATA[a<b]]>&#x41;&#66;</t></is></c></row>` +
          `<row><c t="inlineStr"><is><t>без r</t></is></c><c><v>7</v></c></row>`,
        `<si><r><t>Теле</t></r><r><t>фон</t></r></si>`,
      ),
    );
    const rows = await read(path);
    expect(rows[0]!.cells).toEqual(["Имя", "", "Телефон", ...Array(23).fill(""), "Коммент"]);
    expect(rows[1]).toEqual({ line: 2, cells: ["", "03.02.1990", "3", "строка\rдва", "", "a<bAB"] });
    expect(rows[2]).toEqual({ line: 3, cells: ["без r", "7"] });
  });

  test("a cell over the cap is kept at cap + 1 characters, however large it inflates, and refused with its row and column", async () => {
    // 20 MB of one inline cell deflates to ~20 KB: a small file that must not become a 20 MB string
    const bomb = await write("bomb.xlsx", handmade(`<row r="1"><c r="A1" t="inlineStr"><is><t>Имя</t></is></c></row><row r="2"><c r="B2" t="inlineStr"><is><t>${"x".repeat(20 * 1024 * 1024)}</t></is></c></row>`));
    const rows = await read(bomb);
    expect(rows[1]!.cells[1]!.length).toBe(CAPS.maxCell + 1);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Клиенты");
    sheet.addRow(["Имя", "Телефон", "Комментарий"]);
    sheet.addRow(["Анна", "+79161234567", "я".repeat(5 * 1024 * 1024)]);
    const path = join(dir, "huge.xlsx");
    await Bun.write(path, (await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await read(path))[1]!.cells[2]!.length).toBe(CAPS.maxCell + 1);
    const error = await (async () => {
      for await (const _ of readRows(path));
    })().catch((e: unknown) => e);
    expect((error as AppError).problems[0]).toMatchObject({ key: "import.file.cell_too_long", params: { file: "huge.xlsx", row: 2, column: 3 } });
  }, 60_000);

  test("a damaged workbook is refused with a translated 'cannot read', whatever part is broken", async () => {
    const good = zip(handmade(`<row r="1"><c r="A1" t="inlineStr"><is><t>Имя</t></is></c></row>`));
    const broken: Record<string, Buffer> = {
      "truncated.xlsx": good.subarray(0, good.length - 30),
      "garbage-inside.xlsx": Buffer.concat([Buffer.alloc(40, 0xff), good.subarray(40)]),
      "empty.xlsx": Buffer.alloc(0),
      "no-sheet.xlsx": zip({ "xl/workbook.xml": "<workbook/>" }),
      "bad-xml.xlsx": zip({ ...handmade(""), "xl/worksheets/data.xml": "<worksheet><sheetData><row><c" }),
    };
    for (const [name, bytes] of Object.entries(broken)) {
      const path = join(dir, name);
      await Bun.write(path, bytes);
      const error = await (async () => {
        for await (const _ of readRows(path));
      })().catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(AppError);
      const problem = (error as AppError).problems[0]!;
      expect(problem.key, name).toBe("import.file.unreadable");
      expect(t("ru", problem.key, problem.params), name).toStartWith(`не удалось прочитать «${path}»: `);
    }
  });
});
