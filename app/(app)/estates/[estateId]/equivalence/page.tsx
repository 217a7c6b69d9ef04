import { EquivalencePage } from "@/features/equivalence/equivalence-page";

export default async function EstateEquivalencePage({ params }: { params: Promise<{ estateId: string }> }) {
  const { estateId } = await params;
  return <EquivalencePage estateId={estateId} />;
}
