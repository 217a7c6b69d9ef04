import { TranslationReview } from "@/features/translation/translation-review";

export default async function TranslationPage({ params }: { params: Promise<{ estateId: string }> }) {
  const { estateId } = await params;
  return <TranslationReview estateId={estateId} />;
}
