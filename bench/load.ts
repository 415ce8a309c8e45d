/**
 * Load generator, run as its own process (`bun bench/load.ts <url> <concurrency> <seconds>`) so it
 * does not share an event loop with the server it measures. Keeps `concurrency` requests in flight
 * on keep-alive connections, for a bounded time, and prints one JSON line:
 * {requests, errors, seconds, rps, p50, p99} (latencies in ms).
 */
export {};

const [url, concurrencyArg, secondsArg] = process.argv.slice(2);
if (!url || !new URL(url).hostname.match(/^(127\.0\.0\.1|localhost)$/)) throw new Error("usage: bun bench/load.ts http://127.0.0.1:<port>/path <concurrency> <seconds>");
const concurrency = Number(concurrencyArg ?? 32);
const seconds = Number(secondsArg ?? 3);

const latencies: number[] = [];
let errors = 0;
const started = performance.now();
const deadline = started + seconds * 1000;

async function worker(): Promise<void> {
  while (performance.now() < deadline) {
    const t0 = performance.now();
    try {
      // As a browser asks (bench/booking.ts serves its static reference with the same encoding).
      const response = await fetch(url!, { headers: { "accept-encoding": "gzip, deflate, br" } });
      await response.arrayBuffer();
      if (response.status !== 200) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - t0);
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 100) / 100;
console.log(JSON.stringify({ requests: latencies.length, errors, seconds: elapsed, rps: Math.round(latencies.length / elapsed), p50: pct(0.5), p99: pct(0.99) }));
