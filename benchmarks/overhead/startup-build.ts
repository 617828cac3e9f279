/**
 * Issue 18: the three forms of a user's script that startup.ts measures and
 * `benchmarks/test/overhead/startup-build.test.ts` checks for equal answers:
 * - `unbundled`: user-script.ts with its types stripped (`user-script.mjs`) and a runner,
 *   under plain node: every package module loaded from the packages' compiled `dist/`;
 * - `bundle`: the same runner bundled by esbuild into one minified ES module (the facade's
 *   unused exports shaken off), as the CLI's fast path bundles the CLI (packages/cli/src/fast);
 * - `snapshot`: the bundle, as CommonJS, run once by `node --build-snapshot` (module top levels
 *   evaluated, nothing optimized yet) into a V8 startup snapshot blob; the process starts
 *   with `node --snapshot-blob BLOB KIND N` and runs the script's `main` from the
 *   deserialized heap (Node 20: userland modules must be in the one script, no native addons).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import ts from "typescript";

/** The files {@link buildUserScriptForms} writes. */
export interface UserScriptForms {
  /** The runner importing `user-script.mjs` (ES modules, packages from `dist/`). */
  readonly unbundled: string;
  /** One minified ES module. */
  readonly bundle: string;
  /** The snapshot blob (`node --snapshot-blob <this> KIND N`). */
  readonly snapshot: string;
}

const SOURCE = fileURLToPath(new URL("./user-script.ts", import.meta.url));

/**
 * Writes the three forms into `outDir` (which must be inside this repository, so that
 * `tunelab` resolves to the workspace package). The bundle and the blob need nothing beside
 * them: they run from any folder.
 * @param conditions - export conditions for the bundles (`["@tunelab/source"]` bundles the
 *   packages' TypeScript sources, as the tests do, so that no build is needed); the
 *   unbundled form always loads the compiled `dist/`.
 * @throws what esbuild or `node --build-snapshot` reports when a form cannot be built.
 */
export async function buildUserScriptForms(
  outDir: string,
  conditions: readonly string[] = [],
): Promise<UserScriptForms> {
  mkdirSync(outDir, { recursive: true });
  const script = join(outDir, "user-script.mjs");
  writeFileSync(
    script,
    ts.transpileModule(readFileSync(SOURCE, "utf8"), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText,
  );
  const unbundled = join(outDir, "user-run.mjs");
  writeFileSync(unbundled, 'import { main } from "./user-script.mjs";\nawait main(process.argv.slice(2));\n');
  const common = {
    bundle: true,
    platform: "node",
    target: `node${process.versions.node}`,
    minify: true,
    legalComments: "none",
    logLevel: "error",
  } as const;
  const bundle = join(outDir, "user-bundle.mjs");
  await build({
    ...common,
    conditions: [...conditions],
    entryPoints: [unbundled],
    format: "esm",
    outfile: bundle,
  });
  // The snapshot's entry: a CommonJS script (the snapshot builder runs scripts, not modules)
  // that sets the function the deserialized process runs.
  const snapEntry = join(outDir, "user-snapshot-entry.cjs");
  await build({
    ...common,
    conditions: [...conditions],
    stdin: {
      contents:
        'import { startupSnapshot } from "node:v8";\nimport { main } from "./user-script.mjs";\n' +
        "startupSnapshot.setDeserializeMainFunction(() => main(process.argv.slice(1)));\n",
      resolveDir: outDir,
      sourcefile: "user-snapshot-entry.mjs",
    },
    format: "cjs",
    outfile: snapEntry,
  });
  const snapshot = join(outDir, "user-script.blob");
  execFileSync(process.execPath, ["--snapshot-blob", snapshot, "--build-snapshot", snapEntry], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  return { unbundled, bundle, snapshot };
}

/** The command line running one form: `[executable, ...args]` before KIND and N. */
export function formCommand(forms: UserScriptForms, form: keyof UserScriptForms): string[] {
  return form === "snapshot"
    ? [process.execPath, "--snapshot-blob", forms.snapshot]
    : [process.execPath, forms[form]];
}
