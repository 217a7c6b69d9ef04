/** Labels and short forms shared by the snapshot components. */
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../server/api/root.ts";

export type TSnapshotList = inferRouterOutputs<AppRouter>["snapshots"]["list"];
export type TSnapshot = TSnapshotList["snapshots"][number];

export const PART_LABELS: Record<string, string> = {
  policy: "Normalised policy + resolved membership",
  mappingProfile: "Mapping profile",
  manifests: "Emitted manifests",
  equivalence: "Equivalence result",
  lint: "Lint results",
  engine: "Engine version + semantics digest",
};

export function when(date: Date | string): string {
  return new Date(date).toLocaleString("de-CH", { dateStyle: "medium", timeStyle: "short" });
}

export function shortHash(hex: string): string {
  return `${hex.slice(0, 12)}…${hex.slice(-6)}`;
}
