/**
 * Which items carry which label value, per key (item indexes ascending): the items a label requirement selects
 * are its values' lists, not a test of every item. Used over VMs (rule selectors) and over translation classes
 * (class covers).
 */
import type { Labels } from "../../policy/index.ts";

export interface LabelColumn {
  /** Items carrying the key, whatever its value. */
  present: number[];
  byValue: Map<string, number[]>;
}

export function indexLabels(items: readonly (Labels | undefined)[]): Map<string, LabelColumn> {
  const index = new Map<string, LabelColumn>();
  items.forEach((labels, i) => {
    if (!labels) return;
    for (const key of Object.keys(labels)) {
      let column = index.get(key);
      if (!column) index.set(key, (column = { present: [], byValue: new Map() }));
      column.present.push(i);
      const list = column.byValue.get(labels[key]);
      if (list) list.push(i);
      else column.byValue.set(labels[key], [i]);
    }
  });
  return index;
}
