// An HTTP relay in front of sqld that can stop the instance that just claimed outbox rows, right
// after its claim committed and before it hears back: "killed mid-lease", at a known moment. It
// passes the Host through (sqld takes the namespace from it) and reads the libSQL client's hrana
// pipeline bodies only as bytes (JSON or protobuf alike: the strings it looks for are in them).
import { hostname } from "node:os";

export interface SqldProxy {
  port: number;
  /**
   * Watches for a claim by one of `pids` (a lease owner `<host>:<pid>:<id>` returned by sqld); when
   * that claim's transaction commits, the claimer is SIGSTOPped before the answer reaches it, and
   * the promise resolves with its pid.
   */
  freezeNextClaimer(pids: number[]): Promise<number>;
  stop(): void;
}

const LEASE_OWNER = new RegExp(`${hostname().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):[0-9a-f]{8}`);

/** The baton a hrana pipeline response hands out for the stream's next request (JSON or protobuf field 1). */
function batonOf(body: Uint8Array): string | null {
  const text = new TextDecoder().decode(body);
  if (text.startsWith("{")) return (JSON.parse(text) as { baton?: string | null }).baton ?? null;
  if (body[0] !== 0x0a) return null;
  let length = 0;
  let shift = 0;
  let i = 1;
  for (; i < body.length; i++) {
    length |= (body[i]! & 0x7f) << shift;
    shift += 7;
    if ((body[i]! & 0x80) === 0) break;
  }
  return new TextDecoder().decode(body.subarray(i + 1, i + 1 + length));
}

export function startSqldProxy(sqldPort: number): SqldProxy {
  let watch: { pids: number[]; frozen: (pid: number) => void } | null = null;
  let claim: { baton: string; pid: number } | null = null;
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : new Uint8Array(await request.arrayBuffer());
      const headers = new Headers(request.headers);
      headers.delete("accept-encoding");
      const answer = await fetch(`http://127.0.0.1:${sqldPort}${url.pathname}${url.search}`, { method: request.method, headers, body });
      const bytes = new Uint8Array(await answer.arrayBuffer());
      if (watch && claim && body && new TextDecoder().decode(body).includes(claim.baton)) {
        // the claim's stream went on (its COMMIT) and sqld has answered: the claimer never hears it
        process.kill(claim.pid, "SIGSTOP");
        watch.frozen(claim.pid);
        watch = null;
        claim = null;
        return new Promise<Response>(() => {});
      }
      if (watch && !claim) {
        const text = new TextDecoder().decode(bytes);
        const owner = LEASE_OWNER.exec(text);
        const baton = owner && text.includes("lease_owner") ? batonOf(bytes) : null;
        if (owner && baton && watch.pids.includes(Number(owner[1]))) claim = { baton, pid: Number(owner[1]) };
      }
      const out = new Headers(answer.headers);
      out.delete("content-encoding");
      out.delete("content-length");
      return new Response(bytes, { status: answer.status, headers: out });
    },
  });
  return {
    port: server.port!,
    freezeNextClaimer: (pids) => new Promise<number>((frozen) => (watch = { pids, frozen })),
    stop: () => void server.stop(true),
  };
}
