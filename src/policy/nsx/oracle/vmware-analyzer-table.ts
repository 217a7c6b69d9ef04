/** vmware-analyzer's expected table: `Source |Destination |Permitted connections`, one ordered pair a line. */
export interface VmwareAnalyzerRow {
  line: number;
  src: string;
  dst: string;
  connection: string;
}

export function parseVmwareAnalyzerTable(text: string): VmwareAnalyzerRow[] {
  const rows: VmwareAnalyzerRow[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const cells = raw.split("|").map((c) => c.trim());
    if (cells.length !== 3) return; // title lines and blanks
    if (cells[0] === "Source" && cells[1] === "Destination") return;
    rows.push({ line: index + 1, src: cells[0], dst: cells[1], connection: cells[2] });
  });
  return rows;
}
