/**
 * What the importer reads from one YClients company, endpoint by endpoint (API.md §5), with each
 * endpoint's own pagination. Lists that page are yielded page by page so memory stays bounded and
 * each page can be written (and resumed) on its own.
 */
import type { LocalDate } from "../../time/zone.ts";
import type { YClientsApi, Envelope } from "./api.ts";
import { id, list, num, obj, type Json } from "./coerce.ts";

export interface Page {
  items: Json[];
  /** What the API says the whole list holds, when it says (meta.total_count or meta.count). */
  total: number | null;
}

export class YClientsSource {
  constructor(
    private readonly api: YClientsApi,
    readonly companyId: string,
    /** Items per page: 200 is the documented maximum for clients and what production code uses for records. */
    private readonly pageSize = 200,
  ) {}

  async company(): Promise<Json> {
    return (await this.api.get(`/company/${this.companyId}/`)).data;
  }

  /**
   * Touches an endpoint that needs the user token, before anything is written: the company card is
   * public with the partner token alone, so a wrong user token would otherwise only fail halfway.
   */
  async checkAccess(): Promise<void> {
    await this.api.get(`/clients/${this.companyId}`, { page: 1, count: 1 });
  }

  async categories(): Promise<Json[]> {
    return list((await this.api.get(`/company/${this.companyId}/service_categories/`)).data);
  }

  async services(): Promise<Json[]> {
    return list((await this.api.get(`/company/${this.companyId}/services/`)).data);
  }

  async staff(): Promise<Json[]> {
    return list((await this.api.get(`/company/${this.companyId}/staff/`)).data);
  }

  async schedule(from: LocalDate, to: LocalDate): Promise<Json[]> {
    return list((await this.api.get(`/company/${this.companyId}/staff/schedule`, { start_date: from, end_date: to })).data);
  }

  /** Full client cards (the deprecated list is the one that returns them whole, API.md §6.6). */
  clients(): AsyncGenerator<Page> {
    return this.pages((page) => this.api.get(`/clients/${this.companyId}`, { page, count: this.pageSize }));
  }

  /** Records whose appointment date is in [from, to], cancelled (deleted) ones included. */
  records(from: LocalDate, to: LocalDate): AsyncGenerator<Page> {
    return this.pages((page) =>
      this.api.get(`/records/${this.companyId}`, { start_date: from, end_date: to, with_deleted: 1, page, count: this.pageSize }),
    );
  }

  /** Records created, changed or deleted at or after `since` (an ISO instant), whatever their visit date (issue 18: the scheduled sync). */
  changedRecords(since: string): AsyncGenerator<Page> {
    return this.pages((page) => this.api.get(`/records/${this.companyId}`, { changed_after: since, with_deleted: 1, page, count: this.pageSize }));
  }

  reviews(from: LocalDate, to: LocalDate): AsyncGenerator<Page> {
    return this.pages((page) => this.api.get(`/comments/${this.companyId}/`, { start_date: from, end_date: to, page, count: this.pageSize }));
  }

  /**
   * page = 1, 2, … until a short page or meta.total_count is reached (API.md §3.3). Ordering is not
   * documented, so items are de-duplicated by id, and a page of nothing new ends the loop.
   */
  private async *pages(fetchPage: (page: number) => Promise<Envelope>): AsyncGenerator<Page> {
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const { data, meta } = await fetchPage(page);
      const items = list(data);
      const total = num(meta?.total_count) ?? num(meta?.count);
      const fresh = items.filter((item) => {
        const key = id(obj(item)?.id);
        if (key === null) return true;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (fresh.length > 0) yield { items: fresh, total };
      const end = items.length < this.pageSize || fresh.length === 0 || (total !== null && page * this.pageSize >= total);
      if (end) return;
    }
  }
}
