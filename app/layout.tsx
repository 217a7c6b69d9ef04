import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "@/ui/styles.css";

export const metadata: Metadata = {
  title: "Parity — NSX to OpenShift Virtualization, proven",
  description: "Translate NSX DFW rules to Kubernetes network policies and prove both allow the same traffic.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so each carries the nonce of its own Content-Security-Policy (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
