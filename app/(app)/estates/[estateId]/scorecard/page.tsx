import { ScorecardView } from "@/features/scorecard/scorecard-view";

export default async function ScorecardPage({ params }: { params: Promise<{ estateId: string }> }) {
  const { estateId } = await params;
  return <ScorecardView estateId={estateId} />;
}
