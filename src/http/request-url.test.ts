import { describe, expect, test } from "bun:test";
import { isApiRequest, queryParam, requestPath, requestUrl } from "./request-url.ts";

describe("a request's URL, parsed once", () => {
  test("every reader of one request shares one parse; another request gets its own", () => {
    const request = new Request("http://x/acme/book?s=1");
    expect(requestUrl(request)).toBe(requestUrl(request));
    expect(requestUrl(new Request(request))).not.toBe(requestUrl(request));
    expect(requestPath(request)).toBe("/acme/book");
    expect(isApiRequest(request)).toBe(false);
    expect(isApiRequest(new Request("http://x/api/v1/businesses/acme/bookings"))).toBe(true);
  });

  test.each([
    ["", "embed"],
    ["?s=3&m=any", "embed"],
    ["?embed=1", "embed"],
    ["?embed=vk&embed=1", "embed"],
    ["?embed", "embed"],
    ["?%65mbed=1", "embed"],
    ["?x=%41&tg=1", "tg"],
    ["?lang=en+gb", "lang"],
    ["?language=en", "lang"],
    ["?tg=%31", "tg"],
  ])("%s: %s as searchParams.get reads it", (query, name) => {
    const request = new Request(`http://x/acme${query}`);
    expect(queryParam(request, name)).toBe(new URL(request.url).searchParams.get(name));
  });
});
