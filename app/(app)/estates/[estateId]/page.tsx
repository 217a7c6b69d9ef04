import { EstateOverview } from "@/features/estates/estate-overview";

export default async function EstatePage({ params }: { params: Promise<{ estateId: string }> }) {
  const { estateId } = await params;
  return <EstateOverview estateId={estateId} />;
}
