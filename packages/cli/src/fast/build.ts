/**
 * Builds the fast path of `tunelab`: the whole program bundled by esbuild into one CommonJS
 * file, which `bin/tunelab.cjs` compiles with a V8 code cache instead of loading some 300
 * ES modules and CommonJS files one by one (resolution, reads and compiles were about half
 * of a fresh `tunelab ask`: README, "Latency of a fresh process").
 *
 * Beside the bundle goes `manifest.json`: the files whose change makes the bundle stale, with
 * their mtime and size, which the launcher checks before using it (a few `stat` calls:
 * each workspace package's `dist/.tsbuildinfo`, which `tsc -b` rewrites whenever it emits,
 * the `node_modules/.package-lock.json` that npm rewrites at every install, and any other
 * input file itself).
 *
 * The storage drivers' native or networked packages (better-sqlite3, pg, @redis/client) stay
 * outside the bundle and load from node_modules when a URL needs them; `worker` and `slurm`
 * are not bundled (the launcher runs them through the plain entry: they are long-running,
 * and they start processes by the path of `dist/bin.js`).
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

/** The manifest's format, checked by the launcher. */
export const FAST_MANIFEST_FORMAT = 1;

/** What `manifest.json` holds. */
export interface FastManifest {
  /** {@link FAST_MANIFEST_FORMAT}. */
  readonly format: number;
  /**
   * The bundle's file name, in the manifest's directory: `tunelab-<hash>.cjs`, named by a
   * hash of its content, and so is its code cache (V8 checks a cache against its source's
   * length only, so a cache must never meet another bundle of the same length).
   */
  readonly bundle: string;
  /** `[path, mtimeMs, size]` of each file whose change makes the bundle stale. */
  readonly watch: readonly (readonly [string, number, number])[];
}

/** Options of {@link buildFastPath}. */
export interface FastPathBuildOptions {
  /** The bundle's entry module. @defaultValue this package's `dist/fast/entry.js` */
  readonly entry?: string;
  /** Where the bundle and its manifest go. @defaultValue this package's `dist/fast` */
  readonly outDir?: string;
  /**
   * Export conditions for resolving the workspace packages (`["@tunelab/source"]` bundles
   * their TypeScript sources, as the tests do). @defaultValue none: their built `dist`
   */
  readonly conditions?: readonly string[];
  /** Minify (whitespace, syntax, local names); false keeps names readable in a CPU profile. @defaultValue true */
  readonly minify?: boolean;
}

/** What {@link buildFastPath} wrote. */
export interface FastPathBuild {
  /** The bundle's path. */
  readonly bundle: string;
  /** The manifest's path. */
  readonly manifest: string;
  /** The bundle's size in bytes. */
  readonly bytes: number;
  /** How many modules went into it. */
  readonly modules: number;
}

/** The package directory (`packages/cli`): this file is `src/fast/build.ts` or `dist/fast/build.js`. */
const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Packages left to node_modules (native addons, network clients loaded only by their URL). */
const EXTERNAL = ["better-sqlite3", "pg", "@redis/client"];

/**
 * `commands/worker.js` and `commands/slurm.js` stay out of the bundle (see the header), and so
 * do `report-html` and `dashboard`, which load `@tunelab/viz` (vega): not fast-path commands,
 * the launcher runs them through the plain entry.
 */
const plainOnlyCommands: Plugin = {
  name: "tunelab-plain-only-commands",
  setup(b) {
    b.onResolve({ filter: /\/commands\/(worker|slurm|report-html|dashboard)\.js$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

/**
 * Bundles the CLI and writes its manifest (each file written aside, then renamed, so a
 * concurrent `tunelab` reads either the old pair or the new one).
 * @throws what esbuild throws when a module cannot be resolved or parsed.
 */
export async function buildFastPath(options: FastPathBuildOptions = {}): Promise<FastPathBuild> {
  const entry = options.entry ?? join(PACKAGE_DIR, "dist", "fast", "entry.js");
  const outDir = options.outDir ?? join(PACKAGE_DIR, "dist", "fast");
  mkdirSync(outDir, { recursive: true });
  const manifest = join(outDir, "manifest.json");
  const aside = `.${process.pid}.tmp`;
  const built = join(outDir, `tunelab.cjs${aside}`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${process.versions.node}`,
    outfile: built,
    minify: options.minify ?? true,
    // Class and function names stay (samplers and errors are named after their class).
    keepNames: true,
    legalComments: "none",
    conditions: [...(options.conditions ?? [])],
    external: EXTERNAL,
    // Every dynamic import becomes a require inside the bundle (the script is compiled
    // with vm.Script, which has no module loader of its own).
    supported: { "dynamic-import": false },
    // The sqlite driver finds better-sqlite3 through createRequire(import.meta.url).
    define: { "import.meta.url": "__tunelab_bundle_url" },
    banner: { js: 'var __tunelab_bundle_url = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [plainOnlyCommands],
    metafile: true,
    logLevel: "error",
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => resolve(process.cwd(), p));
  const name = `tunelab-${createHash("sha256").update(readFileSync(built)).digest("hex").slice(0, 16)}.cjs`;
  const bundle = join(outDir, name);
  const m: FastManifest = { format: FAST_MANIFEST_FORMAT, bundle: name, watch: watchList(inputs) };
  renameSync(built, bundle);
  writeFileSync(manifest + aside, `${JSON.stringify(m, null, 1)}\n`);
  renameSync(manifest + aside, manifest);
  // Earlier bundles and their caches go (a call that read the old manifest a moment ago and
  // then misses its bundle runs the plain entry).
  for (const f of readdirSync(outDir)) {
    if (/^tunelab(-[0-9a-f]{16})?\.cjs/.test(f) && !f.startsWith(name))
      rmSync(join(outDir, f), { force: true });
  }
  return { bundle, manifest, bytes: statSync(bundle).size, modules: inputs.length };
}

/** The files that stand for `inputs` (see the header), each with its mtime and size. */
function watchList(inputs: readonly string[]): [string, number, number][] {
  const files = new Set<string>();
  for (const input of inputs) files.add(standIn(input));
  return [...files].sort().map((f) => {
    const s = statSync(f);
    return [f, s.mtimeMs, s.size];
  });
}

/** The file whose change tells that `input` may have changed. */
function standIn(input: string): string {
  const nm = input.indexOf(`${sep}node_modules${sep}`);
  if (nm >= 0) {
    const lock = join(input.slice(0, nm), "node_modules", ".package-lock.json");
    if (existsSync(lock)) return lock;
    return input;
  }
  // A file emitted by tsc -b: the project's .tsbuildinfo, in the dist directory above it.
  for (let dir = dirname(input); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, ".tsbuildinfo"))) return join(dir, ".tsbuildinfo");
    if (existsSync(join(dir, "package.json"))) break;
  }
  return input;
}
