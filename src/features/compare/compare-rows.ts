/** The compare table's rows: one per variable (union of every column's keys), expanded objects adding their paths. */
import type { FieldError, JsonObject } from '../../../contract/agents-api.ts';
import { jsonEqual } from '../../lib/json-equal.ts';
import { isObject, pointerOf } from '../../lib/json-pointer.ts';

export type RowStatus = 'equal' | 'differs' | 'missing';

export type CompareRow = {
  /** Where the value sits, as a JSON Pointer (the format schema errors use). */
  pointer: string;
  path: string[];
  /** One per column, in column order; `undefined` means not set in that environment. */
  values: unknown[];
  status: RowStatus;
  /** An object in at least one column, so its properties can be listed as rows of their own. */
  expandable: boolean;
};

/** `missing`: set in some columns only; `differs`: set everywhere, not equal everywhere (key order ignored). */
export function statusOf(values: readonly unknown[]): RowStatus {
  if (values.some((value) => value === undefined)) return 'missing';
  return values.every((value) => jsonEqual(value, values[0])) ? 'equal' : 'differs';
}

function unionKeys(objects: readonly unknown[]): string[] {
  const keys = new Set<string>();
  for (const object of objects) if (isObject(object)) for (const key of Object.keys(object)) keys.add(key);
  return [...keys];
}

/** Every key of every column in first-seen order; the properties of objects in `expanded` follow their parent. */
export function buildRows(columns: readonly (JsonObject | undefined)[], expanded: ReadonlySet<string>): CompareRow[] {
  const rows: CompareRow[] = [];
  const visit = (objects: readonly unknown[], parent: string[]) => {
    for (const key of unionKeys(objects)) {
      const path = [...parent, key];
      const values = objects.map((object) => (isObject(object) ? object[key] : undefined));
      const row: CompareRow = {
        pointer: pointerOf(path),
        path,
        values,
        status: statusOf(values),
        expandable: values.some(isObject),
      };
      rows.push(row);
      if (row.expandable && expanded.has(row.pointer)) visit(values, path);
    }
  };
  visit(columns, []);
  return rows;
}

/** A row fails in a column when a schema error points at its value or inside it. */
export function failingPointers(errors: readonly FieldError[]): Set<string> {
  const failing = new Set<string>();
  for (const { path } of errors) {
    // Every ancestor fails too: a collapsed object row shows that something inside it is wrong.
    for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) failing.add(path.slice(0, end));
  }
  return failing;
}
