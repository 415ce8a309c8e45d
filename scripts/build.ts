// `npm run build` → dist/zapis: one executable with the libSQL native module, the migrations and
// every page asset inside. Copied alone into an empty folder, it runs.
import type { BunPlugin } from "bun";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * libsql picks its native module at run time with ``require(`@libsql/${target}`)``, which the
 * bundler cannot follow, so a compiled binary fails with "Cannot find module
 * '@libsql/linux-x64-gnu'". Rewriting that call to a static require of the .node file lets Bun
 * embed the module (DESIGN §1). Only linux-x64 glibc is built here; other targets need their package.
 */
const embedLibsqlNative: BunPlugin = {
  name: "embed-libsql-native",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]libsql[\\/]index\.js$/ }, async (args) => {
      const source = await Bun.file(args.path).text();
      const dynamic = "return require(`@libsql/${target}`);";
      if (!source.includes(dynamic)) throw new Error(`libsql changed its loader; update ${import.meta.path}`);
      return { contents: source.replace(dynamic, 'return require("@libsql/linux-x64-gnu/index.node");'), loader: "js" };
    });
  },
};

/**
 * @elysiajs/swagger imports @scalar/themes for its Scalar page, which Zapis never serves (provider
 * "swagger-ui", and src/http/docs.ts answers the docs page itself). Evaluating @scalar/themes builds
 * its zod configuration schemas at every start: ~20 ms CPU and ~10 MB of RSS in a binary of its
 * own (issue 20). The binary gets the one name the plugin imports from it, empty, instead.
 */
const skipScalarThemes: BunPlugin = {
  name: "skip-scalar-themes",
  setup(build) {
    build.onResolve({ filter: /^@scalar\/themes$/ }, () => ({ path: "@scalar/themes", namespace: "zapis-unused" }));
    build.onLoad({ filter: /.*/, namespace: "zapis-unused" }, () => ({ contents: 'export const elysiajsTheme = "";', loader: "js" }));
  },
};

// `--outfile <path>` lets the CLI tests build a binary of the code under test into a temp folder.
const flag = process.argv.indexOf("--outfile");
const outfile = flag > 0 ? process.argv[flag + 1]! : "dist/zapis";
mkdirSync(dirname(outfile), { recursive: true });
/**
 * How many times more reluctant than usual JavaScriptCore's JIT is while the binary starts (its
 * tier-up thresholds are multiplied by this). Nearly all of a start is code that runs once (module
 * bodies, route registration), which the JIT compiled on a second thread for nothing: with the
 * normal policy the JIT thread had used ~40 ms of CPU by the first 200 on /healthz, on a 2-core
 * machine where the start itself needs the other core. Measured here, cold start of `serve`, median
 * of 11 (wall / CPU ms): 1 → 168 / 230, 64 → 132 / 160, 256 → 128 / 150, 1024 → 122 / 150,
 * 8192 → 135 / 160. The commands set the normal policy back before their work (cli/main.ts; `serve`
 * once it listens), so request paths and long imports are compiled as before (issue 20).
 */
const STARTUP_JIT_POLICY = 256;
const result = await Bun.build({
  entrypoints: ["cli/main.ts"],
  compile: { target: "bun-linux-x64", outfile, autoloadDotenv: false, autoloadBunfig: false, jitPolicy: STARTUP_JIT_POLICY },
  minify: true,
  // precompiled bytecode: the binary skips parsing its JavaScript at every start
  bytecode: true,
  // ES modules split into chunks: what the code imports with import() (nodemailer, grammY,
  // web-push, @libsql/client for remote tenants, and the server for `serve`) is a chunk of its own,
  // loaded on first use. In the one file the binary loads at every start, code costs even when it
  // never runs: measured here, a binary of this one CommonJS bundle that ran none of it answered its
  // first request 12 ms later than a compiled hello world, the same bundle split: as early (issue 20)
  format: "esm",
  splitting: true,
  sourcemap: "none",
  plugins: [embedLibsqlNative, skipScalarThemes],
});
if (!result.success) {
  for (const log of result.logs) console.error(log);
  process.exit(1);
}
console.log(`built ${outfile} (${(Bun.file(outfile).size / 1024 / 1024).toFixed(1)} MiB)`);
