"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The estate's sections; each page lives in app/(app)/estates/[estateId]/<section>/page.tsx. */
export const ESTATE_SECTIONS = [
  { slug: "", label: "Overview" },
  { slug: "upload", label: "Upload" },
  { slug: "rules", label: "Rules" },
  { slug: "translation", label: "Translation" },
  { slug: "equivalence", label: "Equivalence" },
  { slug: "snapshots", label: "Audit snapshots" },
  { slug: "scorecard", label: "Platform scorecard" },
] as const;

export function EstateTabs({ estateId }: { estateId: string }) {
  const pathname = usePathname();
  const base = `/estates/${estateId}`;
  return (
    <nav aria-label="Estate sections" className="tabs">
      {ESTATE_SECTIONS.map((section) => {
        const href = section.slug ? `${base}/${section.slug}` : base;
        const active = section.slug ? pathname.startsWith(href) : pathname === base;
        return (
          <Link key={section.slug} href={href} aria-current={active ? "page" : undefined}>
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
