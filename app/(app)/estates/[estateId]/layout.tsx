import type { ReactNode } from "react";
import { EstateScope } from "@/features/estates/estate-scope";
import { EstateTabs } from "@/features/estates/estate-tabs";

export default async function EstateLayout({ children, params }: { children: ReactNode; params: Promise<{ estateId: string }> }) {
  const { estateId } = await params;
  return (
    <>
      <EstateTabs estateId={estateId} />
      <EstateScope estateId={estateId}>{children}</EstateScope>
    </>
  );
}
