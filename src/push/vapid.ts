/**
 * The salon's VAPID key pair (RFC 8292): browsers bind a subscription to its public key, and every
 * push is signed with its private key. It is derived (HKDF) from the salon's link secret, which
 * every tenant has from its first migration and which never changes: so the pair exists without
 * being made or stored, every instance serving the salon signs with the same key, a restored backup
 * keeps its subscriptions working, and reading the key changes nothing. The private key never
 * leaves: it is not stored, shown or logged, and the link secret is left out of exports.
 */
import { createECDH, hkdfSync } from "node:crypto";
import type { Reader } from "../db/database.ts";
import { readSettings } from "../notification/settings.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const derived = new Map<string, VapidKeys>();

/** The key pair of a link secret: the first HKDF output that is a valid P-256 private key. */
export function vapidKeysOf(linkSecret: string): VapidKeys {
  const known = derived.get(linkSecret);
  if (known) return known;
  for (let round = 0; ; round++) {
    const scalar = Buffer.from(hkdfSync("sha256", linkSecret, "zapis-web-push", `vapid-p256:${round}`, 32));
    const ecdh = createECDH("prime256v1");
    try {
      ecdh.setPrivateKey(scalar); // refuses 0 and values ≥ the curve order (odds ~2⁻³²): next round
    } catch {
      continue;
    }
    const keys = { publicKey: ecdh.getPublicKey().toString("base64url"), privateKey: scalar.toString("base64url") };
    if (derived.size > 10_000) derived.clear();
    derived.set(linkSecret, keys);
    return keys;
  }
}

export const vapidKeys = async (db: Reader): Promise<VapidKeys> => vapidKeysOf((await readSettings(db)).linkSecret);

/** Who push services may contact about our pushes (RFC 8292 "sub"): the site, or a mailbox on it. */
export function vapidSubject(publicUrl: string): string {
  const url = new URL(publicUrl);
  return url.protocol === "https:" && url.hostname !== "localhost" ? url.origin : `mailto:push@${url.hostname}`;
}
