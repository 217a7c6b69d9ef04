/**
 * One bench measurement in its own fresh process (cold; peak RSS is its own), printed as one JSON line.
 *   tsx src/scripts/bench/measure-shape.ts translate SHAPE RULES VMS SEED [OBJECTS_FILE]
 *     compile, translateEstate, then the round trip (verifyOwnTranslation) on the translator's own objects;
 *     with OBJECTS_FILE, also writes the translated objects and findings there (one JSON value a line) for:
 *   tsx src/scripts/bench/measure-shape.ts equivalence SHAPE RULES VMS SEED [OBJECTS_FILE]
 *     the exact equivalence check (compile + checkEquivalence, as the verify job runs it) of the NSX estate
 *     against its Kubernetes side: the generator's own counterpart where the shape has one (uniform), else
 *     the translated objects read from OBJECTS_FILE, with the translation's findings as exclusions.
 * Generation and reading the objects are not timed.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { benchShape, checkEquivalence, clusterModelOf, compileNsx, type ClusterModel } from "../../policy/index.ts";
import { clusterModelOfPlaced, type PlacedObject } from "../../translate/read-back.ts";
import { translateEstate, verifyOwnTranslation, type TFinding } from "../../translate/index.ts";
import { exclusionsOf } from "../../server/services/verification.ts";

export interface TranslateFigures {
  phase: "translate";
  shape: string;
  rules: number;
  vms: number;
  compileMs: number;
  translateMs: number;
  translateCpuMs: number;
  verifyMs: number;
  verifyCpuMs: number;
  peakRssMb: number;
  classes: number;
  /** The round trip's compared cells (VM cell × VM cell and VM cell × external block pairs). */
  pairs: number;
  networkPolicies: number;
  networkPolicyRules: number;
  adminNetworkPolicies: number;
  findings: number;
  equivalent: boolean;
  unexplainedDifferences: number;
}

export interface EquivalenceFigures {
  phase: "equivalence";
  shape: string;
  rules: number;
  vms: number;
  kubernetesSide: "generator" | "translation";
  compileMs: number;
  checkMs: number;
  cpuMs: number;
  peakRssMb: number;
  classes: number;
  classPairs: number;
  /** Uniform: exactly equivalent. Translated shapes: equivalent except the translation's findings. */
  equivalent: boolean;
  differences: number;
  unexplainedDifferences: number;
}

const [phase, shapeName, rulesText, vmsText, seedText, objectsFile] = process.argv.slice(2);
const [rules, vms, seed] = [rulesText, vmsText, seedText].map(Number);
const { estate, manifests } = benchShape(shapeName).build({ seed, rules, vms });

const timed = <T>(f: () => T) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = f();
  const used = process.cpuUsage(cpu);
  return { value, ms: Math.round(performance.now() - start), cpuMs: Math.round((used.user + used.system) / 1000) };
};
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

interface ObjectsFileHeader {
  annotationPrefix: string;
  findings: TFinding[];
}

async function writeObjects(file: string, header: ObjectsFileHeader, placed: readonly PlacedObject[]): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, "drain");
  };
  await write(JSON.stringify(header));
  for (const p of placed) await write(JSON.stringify(p));
  out.end();
  await once(out, "finish");
}

async function readObjects(file: string): Promise<{ header: ObjectsFileHeader; placed: PlacedObject[] }> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let header: ObjectsFileHeader | undefined;
  const placed: PlacedObject[] = [];
  for await (const line of lines) {
    if (!line) continue;
    if (!header) header = JSON.parse(line) as ObjectsFileHeader;
    else placed.push(JSON.parse(line) as PlacedObject);
  }
  if (!header) throw new Error(`${file} is empty`);
  return { header, placed };
}

if (phase === "translate") {
  const compile = timed(() => compileNsx(estate));
  const translate = timed(() => translateEstate(estate, undefined, { compiled: compile.value }));
  const result = translate.value;
  const verify = timed(() => verifyOwnTranslation(estate, result));
  const v = verify.value;
  const figures: TranslateFigures = {
    phase: "translate",
    shape: shapeName,
    rules,
    vms,
    compileMs: compile.ms,
    translateMs: translate.ms,
    translateCpuMs: translate.cpuMs,
    verifyMs: verify.ms,
    verifyCpuMs: verify.cpuMs,
    peakRssMb: peakRssMb(),
    classes: result.summary.translationClasses,
    pairs: v.stats.pairsCompared,
    networkPolicies: result.summary.networkPolicies,
    networkPolicyRules: result.summary.networkPolicyRules,
    adminNetworkPolicies: result.summary.adminNetworkPolicies,
    findings: result.findings.length,
    equivalent: v.equivalent,
    unexplainedDifferences: v.differences.length,
  };
  if (objectsFile)
    await writeObjects(objectsFile, { annotationPrefix: result.profile.annotationPrefix, findings: result.findings }, result.placed);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else if (phase === "equivalence") {
  let model: ClusterModel;
  let correspondence: Map<string, string> | undefined;
  let findings: TFinding[] = [];
  if (manifests) model = clusterModelOf(manifests);
  else {
    if (!objectsFile) throw new Error(`shape ${shapeName} has no Kubernetes counterpart of its own: pass the translated objects file`);
    const { header, placed } = await readObjects(objectsFile);
    model = clusterModelOfPlaced(placed);
    findings = header.findings;
    // NSX VM id → its VirtualMachine, through the translator's annotation (as the verify job does).
    correspondence = new Map();
    for (const { object } of placed) {
      if (object.kind !== "VirtualMachine") continue;
      const meta = object.metadata as { name: string; namespace?: string; annotations?: Record<string, string> };
      const vmId = meta.annotations?.[`${header.annotationPrefix}nsx-vm-id`];
      if (vmId) correspondence.set(vmId, `${meta.namespace ?? "default"}/${meta.name}[VirtualMachine]`);
    }
  }
  const cpu = process.cpuUsage();
  const compile = timed(() => compileNsx(estate));
  const check = timed(() =>
    // Every difference is detailed where findings may explain it: "equivalent except the findings" needs them all.
    checkEquivalence(compile.value, model, {
      maxDifferences: manifests ? 10 : 1_000_000,
      ...(correspondence ? { correspondence } : {}),
      exclusions: exclusionsOf(findings),
    }),
  );
  const used = process.cpuUsage(cpu);
  const result = check.value;
  const figures: EquivalenceFigures = {
    phase: "equivalence",
    shape: shapeName,
    rules,
    vms,
    kubernetesSide: manifests ? "generator" : "translation",
    compileMs: compile.ms,
    checkMs: check.ms,
    cpuMs: Math.round((used.user + used.system) / 1000),
    peakRssMb: peakRssMb(),
    classes: result.stats.commonVmClasses + result.stats.externalAtoms,
    classPairs: result.stats.classPairs,
    equivalent: manifests ? result.equivalent : result.equivalentExceptFindings,
    differences: result.stats.differenceCount,
    unexplainedDifferences: result.differences.filter((d) => d.status === "unexplained").length,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  throw new Error(`unknown phase "${phase}" (translate | equivalence)`);
}
