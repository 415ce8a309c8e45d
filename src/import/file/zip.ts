/**
 * Just enough of the zip format to stream single members of an .xlsx: the central directory is read
 * from the end of the file, and a member is inflated as a stream (node:zlib), so neither the archive
 * nor a member is ever held whole — a zip bomb costs time, not memory.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInflateRaw } from "node:zlib";

export interface ZipMember {
  method: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
// the end record is 22 bytes plus a comment of at most 64 KB
const TAIL = 22 + 0xffff;
// an .xlsx lists a few dozen members; more directory than this is not a workbook
const MAX_DIRECTORY = 16 * 1024 * 1024;

/** The archive's members by name; throws a plain Error (the caller words it) if it is not a zip. */
export async function zipMembers(path: string): Promise<Map<string, ZipMember>> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const tailSize = Math.min(size, TAIL);
    const tail = Buffer.alloc(tailSize);
    await handle.read(tail, 0, tailSize, size - tailSize);
    let end = -1;
    for (let i = tailSize - 22; i >= 0 && end < 0; i--) if (tail.readUInt32LE(i) === EOCD) end = i;
    if (end < 0) throw new Error("not an .xlsx file (no zip directory)");
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directorySize > MAX_DIRECTORY || directoryOffset + directorySize > size) throw new Error("damaged zip directory");
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const members = new Map<string, ZipMember>();
    for (let at = 0; at + 46 <= directorySize; ) {
      if (directory.readUInt32LE(at) !== CENTRAL) throw new Error("damaged zip directory");
      const nameLength = directory.readUInt16LE(at + 28);
      const name = directory.toString("utf8", at + 46, at + 46 + nameLength);
      members.set(name, { method: directory.readUInt16LE(at + 10), compressedSize: directory.readUInt32LE(at + 20), localOffset: directory.readUInt32LE(at + 42) });
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return members;
  } finally {
    await handle.close();
  }
}

/** A member's uncompressed bytes, chunk by chunk. */
export async function* memberChunks(path: string, member: ZipMember): AsyncGenerator<Buffer> {
  const handle = await open(path, "r");
  const header = Buffer.alloc(30);
  try {
    await handle.read(header, 0, 30, member.localOffset);
  } finally {
    await handle.close();
  }
  if (header.readUInt32LE(0) !== LOCAL) throw new Error("damaged zip member");
  if (member.method !== 0 && member.method !== 8) throw new Error(`unsupported zip compression ${member.method}`);
  if (member.compressedSize === 0) return;
  const start = member.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = createReadStream(path, { start, end: start + member.compressedSize - 1 });
  if (member.method === 0) return yield* raw as AsyncIterable<Buffer>;
  const inflate = createInflateRaw();
  raw.on("error", (e) => inflate.destroy(e));
  yield* raw.pipe(inflate) as AsyncIterable<Buffer>;
}
