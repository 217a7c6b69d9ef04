import type { Metadata } from "next";
import type { ReactNode } from "react";
import "@/ui/styles.css";

export const metadata: Metadata = {
  title: "Parity — NSX to OpenShift Virtualization, proven",
  description: "Translate NSX DFW rules to Kubernetes network policies and prove both allow the same traffic.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
