/**
 * `parity query FILES... --src NAME|IP --dst NAME|IP --proto P [--port N] [--icmp-type N] [--icmp-code N]
 * [--k8s DIR] [--json]`: one flow through both sides — the NSX estate read from FILES and the Kubernetes
 * manifests under DIR (VMs correspond to VirtualMachines of the same name) — with each side's verdict and
 * deciding rules per enforcement point. Without --k8s the Kubernetes side is the estate's own translation
 * (src/translate), its VMs matched through the NSX VM id annotation. Exit 2 on bad input.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { importEstate } from "../../ingest/import-estate.ts";
import type { ImportFile } from "../../ingest/types.ts";
import {
  annotationCorrespondence,
  correspond,
  type CorrespondenceMap,
  buildClusterModel,
  explainFlow,
  type ManifestFile,
  type ClusterModel,
  compileNsx,
  type CompiledNsx,
  explainNsxFlow,
  IpSet,
  type Flow,
} from "../../policy/index.ts";
import type { Decision, FlowResult } from "../../policy/explain.ts";
import { translateEstate } from "../../translate/index.ts";

class BadInput extends Error {}

interface QueryOptions {
  src: string;
  dst: string;
  proto: string;
  port?: string;
  icmpType?: string;
  icmpCode?: string;
  k8s?: string;
  json?: boolean;
}

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17, sctp: 132, icmp: 1, icmpv6: 58 };

function integer(text: string | undefined, name: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > max) throw new BadInput(`${name} must be an integer 0–${max}, got "${text}"`);
  return Number(text);
}

export function parseFlow(options: Pick<QueryOptions, "proto" | "port" | "icmpType" | "icmpCode">): Flow {
  const protocol = PROTOCOLS[options.proto.toLowerCase()];
  if (protocol === undefined) throw new BadInput(`--proto must be one of ${Object.keys(PROTOCOLS).join(", ")}, got "${options.proto}"`);
  const isIcmp = protocol === 1 || protocol === 58;
  if (isIcmp && options.port !== undefined) throw new BadInput("--port applies to tcp, udp and sctp only");
  if (!isIcmp && (options.icmpType !== undefined || options.icmpCode !== undefined))
    throw new BadInput("--icmp-type / --icmp-code apply to icmp and icmpv6 only");
  if (options.icmpCode !== undefined && options.icmpType === undefined) throw new BadInput("--icmp-code needs --icmp-type");
  const port = integer(options.port, "--port", 65535);
  const icmpType = integer(options.icmpType, "--icmp-type", 255);
  const icmpCode = integer(options.icmpCode, "--icmp-code", 255);
  if (isIcmp) return { protocol, ...(icmpType !== undefined ? { icmpType } : {}), ...(icmpCode !== undefined ? { icmpCode } : {}) };
  return { protocol, ...(port !== undefined ? { dstPort: port } : {}) };
}

function readExports(paths: readonly string[]): ImportFile[] {
  return paths.map((file) => {
    try {
      if (!statSync(file).isFile()) throw new Error("not a regular file");
      const buffer = readFileSync(file);
      return { name: file, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
    } catch (error) {
      throw new BadInput(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

function manifestFilesUnder(dir: string): ManifestFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BadInput(`--k8s ${dir}: not a directory`);
  const files: ManifestFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...manifestFilesUnder(full));
    else if (/\.(ya?ml|json)$/i.test(entry.name)) files.push({ file: full, text: readFileSync(full, "utf8") });
  }
  return files;
}

/** The Kubernetes spelling of an NSX endpoint: the corresponding VM's endpoint id, or the address itself. */
function k8sEndpointFor(text: string, compiled: CompiledNsx, model: ClusterModel, map?: CorrespondenceMap): string {
  const { matched } = correspond(compiled.vms, model, map);
  const byVm = (id: string) => matched.find((m) => m.vm.vm.id === id)?.k8s.id;
  const vm = compiled.vms.find((e) => e.vm.id === text) ?? compiled.vms.find((e) => e.vm.name === text);
  let owner = vm;
  if (!owner) {
    try {
      const address = IpSet.parse(text);
      owner = compiled.vms.find((e) => e.vm.ips.some((ip) => IpSet.parse(ip).equals(address)));
    } catch {
      // not an address: maybe a Kubernetes endpoint id already
    }
  }
  if (owner) {
    const id = byVm(owner.vm.id);
    if (!id) throw new BadInput(`VM ${owner.vm.name} has no corresponding Kubernetes VirtualMachine`);
    return id;
  }
  return text;
}

function decisionJson(d: Decision) {
  return {
    enforcementPoint: d.enforcementPoint,
    verdict: d.verdict,
    policy: d.policy ?? null,
    rule: d.rule ?? null,
    ruleId: d.ruleId ?? null,
    action: d.action,
    isDefault: d.isDefault,
    summary: d.summary,
  };
}

function describeFlow(flow: Flow): string {
  const name = Object.entries(PROTOCOLS)
    .find(([, n]) => n === flow.protocol)![0]
    .toUpperCase();
  if (flow.icmpType !== undefined) return `${name} type ${flow.icmpType}${flow.icmpCode !== undefined ? ` code ${flow.icmpCode}` : ""}`;
  if (flow.icmpType === undefined && (flow.protocol === 1 || flow.protocol === 58)) return `${name} (every type and code)`;
  return flow.dstPort !== undefined ? `${name} ${flow.dstPort}` : `${name} (every port)`;
}

function printSide(title: string, result: FlowResult): void {
  const parts = result.parts ?? [];
  if (parts.length <= 1) {
    console.log(`${title}: ${result.verdict}`);
    for (const d of result.decisions) console.log(`  ${d.summary}`);
    return;
  }
  // A set of flows decided differently in parts: each part with its own deciding rules.
  const verb = { allow: "allowed", deny: "denied", reject: "rejected" } as const;
  console.log(`${title}: ${result.verdict} (${parts.map((p) => `${verb[p.verdict]} for ${p.traffic}`).join("; ")})`);
  for (const part of parts) {
    console.log(`  ${verb[part.verdict]} for ${part.traffic}:`);
    for (const d of part.decisions) console.log(`    ${d.summary}`);
  }
}

/** The Kubernetes side from manifests, with the correspondence to use (annotations when translated). */
function kubernetesSide(
  options: QueryOptions,
  compiled: CompiledNsx,
  estate: Parameters<typeof translateEstate>[0],
): { model: ClusterModel; map?: CorrespondenceMap; origin: string } {
  try {
    if (options.k8s) return { model: buildClusterModel(manifestFilesUnder(options.k8s)), origin: `manifests under ${options.k8s}` };
    const translation = translateEstate(estate, undefined, { compiled });
    const files = Object.entries(translation.files)
      .filter(([file]) => /\.(ya?ml|json)$/i.test(file))
      .map(([file, text]) => ({ file, text }));
    return { model: buildClusterModel(files), map: annotationCorrespondence(files), origin: "the estate's own translation" };
  } catch (error) {
    if (error instanceof BadInput) throw error;
    throw new BadInput(`${options.k8s ? "--k8s" : "translation"}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function runQuery(files: string[], options: QueryOptions): number {
  try {
    for (const name of ["src", "dst", "proto"] as const) if (!options[name]) throw new BadInput(`--${name} is required`);
    const flow = parseFlow(options);
    const imported = importEstate(readExports(files), { sha256: (bytes) => createHash("sha256").update(bytes).digest("hex") });
    if (!imported.ok)
      throw new BadInput(`import failed:\n${imported.errors.map((e) => `  ${e.file} ${e.where}: ${e.message}`).join("\n")}`);
    const compiled = compileNsx(imported.estate);
    let nsx: FlowResult;
    try {
      nsx = explainNsxFlow(compiled, options.src, options.dst, flow);
    } catch (error) {
      throw new BadInput(`NSX side: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { model, map, origin } = kubernetesSide(options, compiled, imported.estate);
    let k8s: FlowResult;
    try {
      k8s = explainFlow(model, k8sEndpointFor(options.src, compiled, model, map), k8sEndpointFor(options.dst, compiled, model, map), flow);
    } catch (error) {
      throw error instanceof BadInput ? error : new BadInput(`Kubernetes side: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (options.json) {
      const side = (r: FlowResult) => ({
        verdict: r.verdict,
        decisions: r.decisions.map(decisionJson),
        allowed: r.allowed ?? null,
        parts: (r.parts ?? []).map((p) => ({ traffic: p.traffic, verdict: p.verdict, decisions: p.decisions.map(decisionJson) })),
      });
      process.stdout.write(`${JSON.stringify({ nsx: side(nsx), k8s: side(k8s) })}\n`);
    } else {
      console.log(`Flow: ${options.src} → ${options.dst}, ${describeFlow(flow)}`);
      printSide("NSX", nsx);
      printSide(`Kubernetes (${origin})`, k8s);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BadInput)) throw error;
    process.stderr.write(`parity query: ${error.message}\n`);
    return 2;
  }
}

export function registerQueryCommand(program: Command): void {
  program
    .command("query")
    .description("Evaluate one flow on the NSX estate and on Kubernetes manifests, naming the deciding rules")
    .argument("<files...>", "NSX export files (any format the importer reads)")
    // Checked by runQuery rather than commander, so a missing one exits 2 like any other bad input.
    .option("--src <endpoint>", "source: VM name/id or IP address (required)")
    .option("--dst <endpoint>", "destination: VM name/id or IP address (required)")
    .option("--proto <protocol>", "tcp, udp, sctp, icmp or icmpv6 (required)")
    .option("--port <n>", "destination port (tcp/udp/sctp); omitted = every port")
    .option("--icmp-type <n>", "ICMP type (icmp/icmpv6)")
    .option("--icmp-code <n>", "ICMP code (needs --icmp-type)")
    .option("--k8s <dir>", "directory of Kubernetes manifests (YAML/JSON) for the Kubernetes side")
    .option("--json", "print one JSON object {nsx, k8s}; each side has verdict (allow|deny|reject|partial), decisions, allowed, parts")
    .action((files: string[], options: QueryOptions) => {
      process.exitCode = runQuery(files, options);
    });
}
