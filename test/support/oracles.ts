/** Where the vendored oracle corpora live (test/oracles, Apache-2.0, upstream commits in SOURCES). */
import path from "node:path";

export const ORACLES_DIR = path.resolve(import.meta.dirname, "../oracles");
export const NETPOL_ANALYZER_DIR = path.join(ORACLES_DIR, "netpol-analyzer");
export const VMWARE_ANALYZER_DIR = path.join(ORACLES_DIR, "vmware-analyzer");
export const VMWARE_EXAMPLES_DIR = path.join(VMWARE_ANALYZER_DIR, "examples");
