/**
 * What an import did: created / updated / unchanged / skipped per entity, warnings with a few
 * examples each, placeholders it had to invent, and clients that share a phone (merge candidates).
 * Printed at the end of a run and saved as JSON in the tenant's folder.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { t, type Locale, type MessageKey, type MessageParams } from "../i18n/i18n.ts";
import { PRIVATE_DIR, PRIVATE_FILE } from "../fs/private.ts";

export const OUTCOMES = ["created", "updated", "unchanged", "skipped"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Counts = Record<Outcome, number>;

export type ReportEntity = "company" | "categories" | "services" | "staff" | "hours" | "clients" | "bookings" | "reviews";

export type WarningCode =
  | "invalid_item"
  | "phone_invalid"
  | "client_without_phone"
  | "duplicate_phone"
  | "walk_in_client"
  | "record_without_client"
  | "placeholder_staff"
  | "placeholder_service"
  | "record_without_services"
  | "past_unclosed"
  | "hours_kept"
  | "zone_fallback"
  | "currency_unknown"
  | "webhook_ignored"
  | "client_deleted"
  | "reviews_unavailable";

export interface ReportWarning {
  code: WarningCode;
  message: string;
  count: number;
  examples: string[];
}

export interface MergeCandidate {
  phone: string;
  clients: Array<{ external_id: string; local_id: number; name: string }>;
}

export interface ImportReport {
  source: string;
  tenant: string;
  dry_run: boolean;
  started_at: string;
  finished_at: string;
  /** Source-specific facts: the company id and records window, the file name, API request counts. */
  details: Record<string, unknown>;
  entities: Partial<Record<ReportEntity, Counts>>;
  /** Plain tallies that are not problems: future visits now blocking the calendar, reminders queued, walk-in visits… */
  facts: Record<string, number>;
  merge_candidates: MergeCandidate[];
  warnings: ReportWarning[];
}

const EXAMPLES = 5;
const KEY_OF: Record<WarningCode, MessageKey> = {
  invalid_item: "import.warn.invalid_item",
  phone_invalid: "import.warn.phone_invalid",
  client_without_phone: "import.warn.client_without_phone",
  duplicate_phone: "import.warn.duplicate_phone",
  walk_in_client: "import.warn.walk_in_client",
  record_without_client: "import.warn.record_without_client",
  placeholder_staff: "import.warn.placeholder_staff",
  placeholder_service: "import.warn.placeholder_service",
  record_without_services: "import.warn.record_without_services",
  past_unclosed: "import.warn.past_unclosed",
  hours_kept: "import.warn.hours_kept",
  zone_fallback: "import.warn.zone_fallback",
  currency_unknown: "import.warn.currency_unknown",
  webhook_ignored: "import.warn.webhook_ignored",
  client_deleted: "import.warn.client_deleted",
  reviews_unavailable: "import.warn.reviews_unavailable",
};

/** Collects a run's outcomes as it goes; `build` turns them into the report. */
export class ReportBuilder {
  private readonly counts = new Map<ReportEntity, Counts>();
  private readonly warnings = new Map<WarningCode, { count: number; examples: string[]; params: MessageParams }>();
  private readonly phones = new Map<string, MergeCandidate["clients"]>();
  private readonly facts = new Map<string, number>();

  count(entity: ReportEntity, outcome: Outcome): void {
    const counts = this.counts.get(entity) ?? { created: 0, updated: 0, unchanged: 0, skipped: 0 };
    counts[outcome]++;
    this.counts.set(entity, counts);
  }

  countsOf(entity: ReportEntity): Counts | undefined {
    return this.counts.get(entity);
  }

  tally(fact: string, by = 1): void {
    this.facts.set(fact, (this.facts.get(fact) ?? 0) + by);
  }

  warn(code: WarningCode, example?: string, params: MessageParams = {}): void {
    const w = this.warnings.get(code) ?? { count: 0, examples: [], params };
    w.count++;
    if (example && w.examples.length < EXAMPLES && !w.examples.includes(example)) w.examples.push(example);
    this.warnings.set(code, w);
  }

  /** Notes a client's phone; phones seen for more than one client become merge candidates. */
  phone(e164: string, client: MergeCandidate["clients"][number]): void {
    const list = this.phones.get(e164) ?? [];
    if (!list.some((c) => c.external_id === client.external_id)) list.push(client);
    this.phones.set(e164, list);
  }

  build(head: Pick<ImportReport, "source" | "tenant" | "dry_run" | "started_at" | "finished_at" | "details">, locale: Locale): ImportReport {
    const mergeCandidates = [...this.phones]
      .filter(([, list]) => list.length > 1)
      .map(([phone, list]) => ({ phone, clients: list }))
      .sort((a, b) => a.phone.localeCompare(b.phone));
    for (const candidate of mergeCandidates) {
      this.warn("duplicate_phone", `${candidate.phone}: ${candidate.clients.map((c) => c.name).join(" / ")}`);
    }
    return {
      ...head,
      entities: Object.fromEntries(this.counts),
      facts: Object.fromEntries(this.facts),
      merge_candidates: mergeCandidates,
      warnings: [...this.warnings].map(([code, w]) => ({ code, message: t(locale, KEY_OF[code], w.params), count: w.count, examples: w.examples })),
    };
  }
}

/** The report as plain lines for a terminal or a log. */
export function formatReport(report: ImportReport): string {
  const lines = [`${report.dry_run ? "DRY RUN (nothing written) — " : ""}import from ${report.source} into '${report.tenant}'`];
  const name = (entity: string) => entity.padEnd(11);
  for (const [entity, c] of Object.entries(report.entities)) {
    lines.push(`  ${name(entity)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, skipped ${c.skipped}`);
  }
  const facts = Object.entries(report.facts);
  if (facts.length > 0) lines.push(`  ${facts.map(([fact, n]) => `${fact.replaceAll("_", " ")}: ${n}`).join(", ")}`);
  if (report.warnings.length > 0) lines.push("warnings:");
  for (const w of report.warnings) {
    lines.push(`  [${w.count}] ${w.message}`);
    for (const example of w.examples) lines.push(`        e.g. ${example}`);
  }
  return lines.join("\n");
}

/** Saves the report as `<dataDir>/<slug>/imports/<source>-<time>.json` (remote tenants too: the folder holds only reports then). */
export function saveReport(dataDir: string, report: ImportReport): string {
  const folder = join(dataDir, report.tenant, "imports");
  mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR });
  const path = join(folder, `${report.source}-${report.started_at.replace(/[:.]/g, "-")}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`, { mode: PRIVATE_FILE });
  return path;
}
