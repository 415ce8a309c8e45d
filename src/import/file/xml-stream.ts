/**
 * A streaming XML tokenizer for the parts of an .xlsx. A SAX parser such as saxes keeps a text node
 * whole until its closing tag, so a 5 MB cell would sit in memory; this one hands text on as it
 * arrives, and its reader keeps only what fits under the cell cap. It knows what OOXML uses: tags,
 * attributes, text, entities, CDATA; comments, processing instructions and doctypes are skipped.
 */
export interface XmlHandler {
  /** `name` without its namespace prefix (`x:row` → `row`); attribute names are kept as written. */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

// a tag, or an entity cut by a chunk boundary, longer than this is not OOXML
const MAX_PENDING = 1024 * 1024;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export class XmlStream {
  private pending = "";
  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const buf = this.pending + chunk;
    let i = 0;
    while (i < buf.length) {
      if (buf[i] !== "<") {
        const lt = buf.indexOf("<", i);
        let end = lt < 0 ? buf.length : lt;
        // an entity cut by the chunk boundary waits for the rest
        const amp = buf.lastIndexOf("&", end - 1);
        if (lt < 0 && amp >= i && !buf.includes(";", amp)) end = amp;
        if (end > i) this.handler.text(decode(buf.slice(i, end)));
        i = end;
        if (lt < 0) break;
        continue;
      }
      const next = this.markup(buf, i);
      if (next < 0) break;
      i = next;
    }
    this.pending = buf.slice(i);
    if (this.pending.length > MAX_PENDING) throw new Error("malformed XML");
  }

  end(): void {
    if (this.pending.trim() !== "") throw new Error("truncated XML");
  }

  /** Handles the markup at `i`; returns where it ends, or -1 if it is not complete yet. */
  private markup(buf: string, i: number): number {
    for (const [opener, closer] of [["<!--", "-->"], ["<?", "?>"], ["<![CDATA[", "]]>"], ["<!", ">"]] as const) {
      if (!buf.startsWith(opener, i)) {
        if (buf.length - i < opener.length && opener.startsWith(buf.slice(i))) return -1;
        continue;
      }
      const close = buf.indexOf(closer, i + opener.length);
      if (close < 0) return -1;
      if (opener === "<![CDATA[") this.handler.text(buf.slice(i + opener.length, close));
      return close + closer.length;
    }
    let quote = "";
    let gt = i + 1;
    for (; gt < buf.length; gt++) {
      const c = buf[gt];
      if (quote) quote = c === quote ? "" : quote;
      else if (c === '"' || c === "'") quote = c;
      else if (c === ">") break;
    }
    if (gt >= buf.length) return -1;
    const tag = buf.slice(i + 1, gt);
    if (tag.startsWith("/")) {
      this.handler.close(localName(tag.slice(1).trim()));
      return gt + 1;
    }
    const selfClosing = tag.endsWith("/");
    const name = /^[^\s/]+/.exec(tag)?.[0] ?? "";
    const attributes: Record<string, string> = {};
    for (const m of tag.matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[m[1]!] = decode(m[2] ?? m[3] ?? "");
    this.handler.open(localName(name), attributes);
    if (selfClosing) this.handler.close(localName(name));
    return gt + 1;
  }
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

function decode(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] !== "#") return ENTITIES[entity] ?? whole;
    const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
