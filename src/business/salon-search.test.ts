import { expect, test } from "bun:test";
import type { CategoryWithServices } from "../catalogue/queries.ts";
import { filterCatalogue, filtersFrom, filtersKey } from "./salon-search.ts";

const service = (id: number, title: string, minutes: number, price: number, priceMax: number | null = null) =>
  ({ id, title, durationMinutes: minutes, priceMinor: price * 100, priceMaxMinor: priceMax === null ? null : priceMax * 100 }) as CategoryWithServices["services"][number];

const catalogue: CategoryWithServices[] = [
  { id: 1, name: "Стрижки", services: [service(1, "Женская стрижка", 60, 2500), service(2, "Мужская стрижка", 45, 1500)] },
  { id: 2, name: "Окрашивание", services: [service(3, "Окрашивание в один тон", 120, 4500, 9000)] },
];
const titles = (c: CategoryWithServices[]) => c.flatMap((g) => g.services.map((s) => s.title));
const run = (query: string, master: Set<number> | null = null) => titles(filterCatalogue(catalogue, filtersFrom(new URLSearchParams(query)), master));

test("search by name ignores case in Cyrillic too", () => {
  expect(run("q=СТРИЖКА")).toEqual(["Женская стрижка", "Мужская стрижка"]);
  expect(run("q=мужская стр")).toEqual(["Мужская стрижка"]);
});

test("category, duration, price range (overlapping a service's own range) and master", () => {
  expect(run("c=2")).toEqual(["Окрашивание в один тон"]);
  expect(run("dur=45")).toEqual(["Мужская стрижка"]);
  expect(run("pmin=5000")).toEqual(["Окрашивание в один тон"]);
  expect(run("pmax=2000")).toEqual(["Мужская стрижка"]);
  expect(run("", new Set([1, 3]))).toEqual(["Женская стрижка", "Окрашивание в один тон"]);
  expect(run("q=педикюр")).toEqual([]);
});

test("the cache key does not depend on parameter order or junk values", () => {
  expect(filtersKey(filtersFrom(new URLSearchParams("pmax=10&q=A")))).toBe(filtersKey(filtersFrom(new URLSearchParams("q=a&pmax=10&x=1"))));
  expect(filtersFrom(new URLSearchParams("pmin=abc")).priceMin).toBeNull();
});
