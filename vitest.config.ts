import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql-js: Vite would pick its .mjs build for our files while Node loads
    // the CommonJS build for type-graphql, and graphql-js rejects objects of the other copy.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["tests/**/*.test.ts"],
    // A run id under which test files share one site build (tests/helpers/site.ts).
    globalSetup: ["tests/helpers/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Tests share build outputs (database, site): run files one after another.
    fileParallelism: false,
  },
});
