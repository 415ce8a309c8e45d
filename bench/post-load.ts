/**
 * Write load generator, run as its own process (`bun bench/post-load.ts <url> <concurrency> <bodies.json>`)
 * so the server it measures has its event loop to itself, as bench/load.ts does for reads. POSTs
 * each JSON body of the file once, `concurrency` in flight on keep-alive connections, and prints
 * one JSON line: {requests, seconds, statuses: {code: count}, p50, p99} (latencies in ms).
 */
export {};

const [url, concurrencyArg, bodiesPath] = process.argv.slice(2);
if (!url || !bodiesPath || !new URL(url).hostname.match(/^(127\.0\.0\.1|localhost)$/)) throw new Error("usage: bun bench/post-load.ts http://127.0.0.1:<port>/path <concurrency> <bodies.json>");
const bodies = (await Bun.file(bodiesPath).json()) as unknown[];
const concurrency = Number(concurrencyArg ?? 32);

const latencies: number[] = [];
const statuses: Record<number, number> = {};
let next = 0;
const started = performance.now();

async function worker(): Promise<void> {
  while (next < bodies.length) {
    const body = JSON.stringify(bodies[next++]);
    const t0 = performance.now();
    const response = await fetch(url!, { method: "POST", headers: { "content-type": "application/json" }, body });
    await response.arrayBuffer();
    latencies.push(performance.now() - t0);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 100) / 100;
console.log(JSON.stringify({ requests: latencies.length, seconds, statuses, p50: pct(0.5), p99: pct(0.99) }));
