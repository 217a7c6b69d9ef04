/**
 * Prisma's WebAssembly schema engine, loaded by hand: the native engine the Prisma CLI downloads at run
 * time is unavailable offline, and Node cannot import a `.wasm` ES module directly.
 */
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import type { SchemaEngine as TSchemaEngine } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);

export async function loadSchemaEngine(): Promise<typeof TSchemaEngine> {
  // The engine reports Rust panics through this global; without it a panic surfaces as an unrelated TypeError.
  const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message: (message: string) => void } };
  registry.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message: string) => {
      console.error(`Prisma schema engine panicked: ${message}`);
    },
  };
  const packageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bindings = await import(path.join(packageDir, "schema_engine_bg.js"));
  const bytes = fs.readFileSync(path.join(packageDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bindings.SchemaEngine as typeof TSchemaEngine;
}

/** Opens the engine over a pg driver adapter (used only by the developer tool src/scripts/db-diff.ts). */
export async function openSchemaEngine(databaseUrl: string) {
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const SchemaEngine = await loadSchemaEngine();
  const schema = fs.readFileSync(path.resolve(import.meta.dirname, "../../../prisma/schema.prisma"), "utf8");
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }) as never);
  return { engine: await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, factory), schema };
}
