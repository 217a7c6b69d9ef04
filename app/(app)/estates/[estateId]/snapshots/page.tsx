import { SnapshotsPage } from "@/features/audit/snapshots-page";

export default async function EstateSnapshotsPage({ params }: { params: Promise<{ estateId: string }> }) {
  const { estateId } = await params;
  return <SnapshotsPage estateId={estateId} />;
}
