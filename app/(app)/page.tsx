import { EstatesDashboard } from "@/features/estates/estates-dashboard";

export default function HomePage() {
  return <EstatesDashboard />;
}
