/**
 * CSV for spreadsheets (RFC 4180): comma-separated, quoted when needed, CRLF lines, and a UTF-8 BOM
 * so Excel opens Cyrillic correctly. Cells that start like a formula are prefixed with ' so a
 * client's name cannot run as a formula in the salon's spreadsheet (CSV injection).
 */
export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const cell = (value: string | number | null): string => {
    if (value === null) return "";
    let text = String(value);
    if (typeof value === "string" && /^(?:[=@\t\r]|[+-](?!\d+$))/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
}
