import { defineConfig } from "vitest/config";

// One root config with a project per package (STYLE.md §12). Workspace packages resolve to
// their TypeScript sources through the "@tunelab/source" export condition, so tests never
// need a build first.
const conditions = ["@tunelab/source", "import", "module", "node", "default"];

const project = (name: string, root: string) => ({
  extends: true as const,
  test: {
    name,
    include: [`${root}/test/**/*.test.ts`],
  },
});

export default defineConfig({
  resolve: { conditions },
  // vitest hands ssr.resolve.conditions to Node as --conditions for the packages it leaves
  // external (pg, @redis/client, ...), so they name no condition that Node decides itself:
  // with "import" there, a CommonJS package that require()s a dependency with an "import"
  // export (pg requires pg-pool) gets the ESM file. Vite adds import/require/default itself.
  ssr: {
    resolve: {
      conditions: ["@tunelab/source", "node", "development|production"],
      externalConditions: ["@tunelab/source"],
    },
  },
  test: {
    setupFiles: ["./vitest.setup.ts"],
    // Tests see warnings and errors; the info line per trial would flood their output.
    env: { TUNELAB_LOG_LEVEL: "warn" },
    globalSetup: ["./vitest.global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      project("math", "packages/math"),
      project("study", "packages/study"),
      project("samplers", "packages/samplers"),
      project("pruners", "packages/pruners"),
      project("storage", "packages/storage"),
      project("tunelab", "packages/tunelab"),
      project("runner", "packages/runner"),
      project("cli", "packages/cli"),
      project("viz", "packages/viz"),
      project("test-functions", "test-functions"),
      project("benchmarks", "benchmarks"),
    ],
  },
});
