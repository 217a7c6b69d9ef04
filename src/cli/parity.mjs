#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript in src/cli; tsx compiles it on the fly so `npx parity` works after `npm install`.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
