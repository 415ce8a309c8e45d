/**
 * The salon's logo: uploaded by the owner, kept in the tenant's own data folder next to its
 * database (so a backup of the folder carries it), served at /<slug>/logo. Only raster images whose
 * bytes really are PNG, JPEG or WebP are taken — never SVG, which can carry scripts.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Actor } from "../account/permissions.ts";
import type { Database } from "../db/database.ts";
import { validationError } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { recordPublicChange } from "./data-version.ts";
import { getSalonPage, upsertSalonPage } from "./salon-page.ts";

export const MAX_LOGO_BYTES = 1_000_000;

const FORMATS = [
  { type: "image/png", ext: "png", magic: (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: "image/jpeg", ext: "jpg", magic: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/webp", ext: "webp", magic: (b: Uint8Array) => String.fromCharCode(...b.subarray(0, 4)) === "RIFF" && String.fromCharCode(...b.subarray(8, 12)) === "WEBP" },
] as const;

export interface LogoDeps {
  db: Database;
  clock: Clock;
  /** tenants/<slug>: where the tenant's files live. */
  folder: string;
}

/** What a browser sent: the part's declared type and its bytes. */
export interface Upload {
  type: string;
  bytes: Uint8Array;
}

export async function saveLogo(deps: LogoDeps, actor: Actor, upload: Upload): Promise<void> {
  if (upload.bytes.length === 0) throw validationError([{ field: "logo", key: "logo.missing" }]);
  if (upload.bytes.length > MAX_LOGO_BYTES) throw validationError([{ field: "logo", key: "logo.too_large", params: { max: "1 MB" } }]);
  // The declared type is the browser's guess from the file name; the bytes decide.
  const format = FORMATS.find((f) => f.magic(upload.bytes));
  if (!format) throw validationError([{ field: "logo", key: "logo.type_invalid" }]);
  const previous = (await getSalonPage(deps.db.orm)).logoFile;
  const file = `logo.${format.ext}`;
  await mkdir(deps.folder, { recursive: true });
  // Write aside, then rename: a reader never sees half a file.
  const temp = join(deps.folder, `.${file}.${deps.clock.now()}.tmp`);
  await writeFile(temp, upload.bytes);
  await rename(temp, join(deps.folder, file));
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    await upsertSalonPage(tx, { logoFile: file, logoType: format.type }, now);
    await recordPublicChange(tx, { at: now, actor: actor.label, userId: actor.userId, action: "logo.upload", entity: "business", entityId: 1, details: { type: format.type, bytes: upload.bytes.length } });
  });
  if (previous && previous !== file) await rm(join(deps.folder, previous), { force: true });
}

export async function removeLogo(deps: LogoDeps, actor: Actor): Promise<void> {
  const previous = (await getSalonPage(deps.db.orm)).logoFile;
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    await upsertSalonPage(tx, { logoFile: null, logoType: null }, now);
    await recordPublicChange(tx, { at: now, actor: actor.label, userId: actor.userId, action: "logo.remove", entity: "business", entityId: 1 });
  });
  if (previous) await rm(join(deps.folder, previous), { force: true });
}

/** The logo's bytes and type, or null when the salon has none (or the file went missing). */
export async function readLogo(db: Database, folder: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string } | null> {
  const page = await getSalonPage(db.orm);
  if (!page.logoFile || !page.logoType) return null;
  try {
    return { bytes: new Uint8Array(await readFile(join(folder, page.logoFile))), type: page.logoType };
  } catch {
    return null;
  }
}
