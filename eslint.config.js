// Flat config: Next.js' core-web-vitals + TypeScript rules, plus the dependency direction we promise.
// In flat config a later block that sets a rule replaces the earlier block's options for the files it matches,
// so every block below states its whole list of bans, built from the named lists here.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// src/auth holds the permission table both the server and the browser read, so it stays pure like the libraries.
const PURE_LIBRARIES = ["src/policy/**", "src/ingest/**", "src/translate/**", "src/audit/**", "src/scorecard/**", "src/auth/**"];

const NO_APP = { group: ["**/app/**", "@/../app/**"], message: "src/ must not import app/ (dependencies point app → src)" };
const NO_SERVER_OR_UI = {
  group: ["**/server/**", "**/features/**", "**/trpc/**", "**/generated/**", "**/ui/**", "**/cli/**"],
  message: "libraries stay pure: no server, UI, CLI or database imports",
};
const NO_FRAMEWORKS = {
  group: ["react", "react-dom", "react-dom/*", "next", "next/*", "@prisma/*", "pg", "pg-boss"],
  message: "libraries stay pure: no React, Next.js or database",
};
const NO_IO = {
  group: [
    "node:fs",
    "fs",
    "node:fs/*",
    "fs/*",
    "node:child_process",
    "child_process",
    "node:net",
    "net",
    "node:http",
    "http",
    "node:https",
    "https",
  ],
  message: "libraries stay pure: no I/O",
};
const NO_OTHER_LIBRARIES = {
  group: ["**/ingest/**", "**/translate/**", "**/audit/**", "**/scorecard/**"],
  message: "the engine imports nothing of the other libraries",
};
const NO_SERVER = {
  group: ["**/server/**"],
  message: "feature components and the CLI import no server code (types only; share Z…/T… schemas instead)",
};

const bans = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default [
  { ignores: [".next/**", "node_modules/**", "src/generated/**", ".data/**", "test-results/**", "bench-results/**", "next-env.d.ts"] },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "import/no-anonymous-default-export": "off",
    },
  },
  { files: ["src/**"], rules: bans(NO_APP) },
  {
    files: PURE_LIBRARIES,
    rules: {
      // Not React code: a function named use… here is not a hook.
      "react-hooks/rules-of-hooks": "off",
      ...bans(NO_APP, NO_SERVER_OR_UI, NO_FRAMEWORKS, NO_IO),
    },
  },
  { files: ["src/policy/**"], rules: bans(NO_APP, NO_SERVER_OR_UI, NO_FRAMEWORKS, NO_IO, NO_OTHER_LIBRARIES) },
  {
    // Type-only imports (the tRPC AppRouter, result types) are erased at build time and allowed.
    files: ["src/features/**", "src/ui/**", "src/cli/**"],
    rules: {
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ ...NO_APP }, { ...NO_SERVER, allowTypeImports: true }] }],
    },
  },
];
