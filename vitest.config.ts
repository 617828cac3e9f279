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
  ssr: { resolve: { conditions, externalConditions: conditions } },
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
      project("viz", "packages/viz"),
      project("test-functions", "test-functions"),
      project("benchmarks", "benchmarks"),
      project("cross-package", "."),
    ],
  },
});
