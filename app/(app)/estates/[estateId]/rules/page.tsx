import { RulesExplorer } from "@/features/rules/rules-explorer";

export default async function RulesPage({ params }: { params: Promise<{ estateId: string }> }) {
  const { estateId } = await params;
  return <RulesExplorer estateId={estateId} />;
}
