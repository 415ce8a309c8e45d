import { describe, expect, test } from "bun:test";
import { T0 } from "../../test/harness.ts";
import { createUser } from "../account/account.ts";
import { deliverDue } from "../notification/delivery.ts";
import { mailedSalon, readableMime } from "../notification/testing/deps.ts";
import { readSettings } from "../notification/settings.ts";
import { reviewToken } from "./token.ts";

const API = "/api/v1/businesses/salon";
const salon = mailedSalon((h) => h.db.write((tx) => createUser(tx, { email: "owner@example.com", passwordHash: "x", role: "owner", name: null, now: T0 })));

describe("review mail over real SMTP", () => {
  test("the request after a completed visit links its review page, and the review reaches the owner", async () => {
    const { h, smtp, deps } = salon;
    const res = await h.api("POST", `${API}/bookings`, { service_id: 1, staff_id: 2, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "Вера", phone: "+79161234567", email: "vera@example.com" } }, { auth: false });
    const id = ((await res.json()) as { booking: { id: number } }).booking.id;
    h.clock.set(T0 + 3 * 3_600_000);
    await h.api("PATCH", `${API}/bookings/${id}`, { status: "completed" });
    h.clock.set(T0 + 6 * 3_600_000);
    smtp.received.length = 0;
    await deliverDue(deps, { slug: "salon", db: h.db });
    const token = reviewToken((await readSettings(h.db.orm)).linkSecret, id);
    const request = smtp.received.find((m) => m.to.includes("vera@example.com"));
    expect(readableMime(request!.raw)).toContain(`http://localhost:3000/salon/review/${id}?t=${token}`);

    await h.api("POST", `${API}/reviews`, { booking_id: id, token, rating: 5, text: "Лучший салон" }, { auth: false });
    await deliverDue(deps, { slug: "salon", db: h.db });
    const owner = smtp.received.find((m) => m.to.includes("owner@example.com"));
    // a plain-text message: its one body part is base64 after the headers
    const text = Buffer.from(owner!.raw.split("\r\n\r\n")[1]!.replace(/\r\n/g, ""), "base64").toString("utf8");
    expect(text).toContain("Лучший салон");
    expect(text).toContain("★★★★★");
    // sent once: another drain sends nothing more
    const before = smtp.received.length;
    await deliverDue(deps, { slug: "salon", db: h.db });
    expect(smtp.received.length).toBe(before);
  });
});
