/**
 * What a client holds at the salon and can still use — for the client's own eyes (the cabinet,
 * issue 15): the wallet's balance, packages with visits left, certificates they bought that still
 * hold money. Expired and used-up ones are the salon's report, not the client's.
 */
import { listCertificates, type HeldCertificate } from "../certificate/certificate.ts";
import type { Reader } from "../db/database.ts";
import { clientPackageList, packagesFor, type HeldPackage } from "../package/package.ts";
import { walletBalance } from "../wallet/wallet.ts";

export interface Held {
  walletMinor: number;
  packages: HeldPackage[];
  certificates: HeldCertificate[];
}

/**
 * Null when the client holds nothing usable (the cabinet then shows no such section). With a
 * `visit`, only the packages that can pay it, as the booking write would choose them.
 */
export async function usableHeldBy(reader: Reader, clientId: number, now: number, visit?: { serviceIds: readonly number[]; startTs: number }): Promise<Held | null> {
  const [walletMinor, packages, certificates] = await Promise.all([walletBalance(reader, clientId), clientPackageList(reader, clientId, now), listCertificates(reader, { buyerId: clientId })]);
  const held = {
    walletMinor,
    packages: visit ? packagesFor(packages, visit) : packages.filter((p) => !p.expired && p.visitsLeft > 0),
    certificates: certificates.filter((c) => c.balanceMinor > 0 && c.expiresAt > now),
  };
  return held.walletMinor > 0 || held.packages.length > 0 || held.certificates.length > 0 ? held : null;
}
