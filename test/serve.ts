// `zapis serve` as a real child process (bun cli/main.ts serve) on a free loopback port: for the tests
// that kill, restart and race whole servers.
import { join } from "node:path";
import { freePort } from "./sqld.ts";

const BUN = join(import.meta.dir, "..", "node_modules", ".bin", "bun");
const MAIN = join(import.meta.dir, "..", "cli", "main.ts");

export interface ServeProcess {
  url: string;
  proc: ReturnType<typeof Bun.spawn>;
  /** Everything printed so far (JSON log lines on stdout, errors on stderr). */
  output(): string;
  /** Sends `signal` and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

const cliCommand = (dataDir: string, args: string[]) => [BUN, MAIN, "--data", dataDir, ...args];

/** Runs the CLI once (not `serve`) and returns its exit code and output. */
export function zapis(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const run = Bun.spawnSync(cliCommand(dataDir, args), { env: { ...process.env, ...env } });
  return { code: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}

/** `zapis`, without blocking this process's event loop (for servers the test itself runs meanwhile). */
export async function zapisAsync(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const run = Bun.spawn(cliCommand(dataDir, args), { env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([new Response(run.stdout).text(), new Response(run.stderr).text(), run.exited]);
  return { code, stdout, stderr };
}

export async function startServe(dataDir: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const port = await freePort();
  const proc = Bun.spawn([BUN, MAIN, "--data", dataDir, "serve", "--port", String(port), "--host", "127.0.0.1"], {
    env: { ...process.env, BACKUP_CRON: "off", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  let output = "";
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) output += decoder.decode(chunk, { stream: true });
  };
  const drained = Promise.all([drain(proc.stdout), drain(proc.stderr)]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    proc.kill(signal);
    const code = await proc.exited;
    await drained;
    return code;
  };
  for (let waited = 0; !output.includes('"msg":"listening"'); waited += 25) {
    if (proc.exitCode !== null || waited > 20_000) {
      if (proc.exitCode === null) await stop("SIGKILL");
      throw new Error(`zapis serve did not start: ${output}`);
    }
    await Bun.sleep(25);
  }
  return { url, proc, output: () => output, stop };
}

/** Polls `check` until it is true; throws naming `what` after `timeoutMs`. Returns the ms it took. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await Bun.sleep(50);
  }
}
