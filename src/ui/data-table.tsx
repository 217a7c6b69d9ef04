/**
 * A plain data table from column definitions, so pages state what each column shows instead of repeating
 * table markup. Callers cut long lists themselves (and say so) before passing `rows`.
 */
import type { CSSProperties, ReactNode } from "react";

export interface TColumn<T> {
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  className?: string;
  style?: CSSProperties;
}

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  testId,
}: {
  rows: readonly T[];
  columns: readonly TColumn<T>[];
  rowKey: (row: T, index: number) => string | number;
  /** Read by screen readers only. */
  caption?: string;
  testId?: string;
}) {
  return (
    <table className="data" data-testid={testId}>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((column, i) => (
            <th key={i} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)}>
            {columns.map((column, i) => (
              <td key={i} className={column.className} style={column.style}>
                {column.cell(row, index)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
