// Flat config: Next.js' core-web-vitals + TypeScript rules, plus the dependency direction we promise:
// the pure libraries never import the server, the UI or Next.js, and src never imports app/.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const PURE_LIBRARIES = ["src/policy/**", "src/ingest/**", "src/translate/**", "src/audit/**", "src/scorecard/**"];

export default [
  { ignores: [".next/**", "node_modules/**", "src/generated/**", ".data/**", "test-results/**", "next-env.d.ts"] },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "import/no-anonymous-default-export": "off",
    },
  },
  {
    files: ["src/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/app/**", "@/../app/**"], message: "src/ must not import app/ (dependencies point app → src)" }] }],
    },
  },
  {
    files: PURE_LIBRARIES,
    rules: {
      // Not React code: a function named use… here is not a hook.
      "react-hooks/rules-of-hooks": "off",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/server/**", "**/features/**", "**/trpc/**", "**/generated/**", "**/app/**"], message: "libraries stay pure: no server, UI or database imports" },
            { group: ["react", "react-dom", "next", "next/*", "@prisma/*", "pg"], message: "libraries stay pure: no React, Next.js or database" },
            { group: ["node:fs", "fs", "node:child_process", "child_process", "node:net", "net", "node:http", "http"], message: "libraries stay pure: no I/O" },
          ],
        },
      ],
    },
  },
  {
    files: ["src/policy/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/ingest/**", "**/translate/**", "**/audit/**", "**/scorecard/**", "**/server/**", "**/features/**"], message: "the engine imports nothing of the other libraries" },
            { group: ["react", "next", "next/*", "@prisma/*", "pg", "node:fs", "fs", "node:child_process"], message: "the engine is pure" },
          ],
        },
      ],
    },
  },
];
