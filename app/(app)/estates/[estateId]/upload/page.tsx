import { UploadPage } from "@/features/imports/upload-page";

export default async function EstateUploadPage({ params }: { params: Promise<{ estateId: string }> }) {
  const { estateId } = await params;
  return <UploadPage estateId={estateId} />;
}
