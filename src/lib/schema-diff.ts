/** Where the compared environments' schemas disagree: a property some lack, a different type, different constraints. */
import type { JsonObject } from '../../contract/agents-api.ts';
import { jsonEqual } from './json-equal.ts';
import { isObject, pointerOf } from './json-pointer.ts';

export type SchemaDifference = {
  /** The property's JSON Pointer in the variables ('' for the schema's root). */
  pointer: string;
  kind: 'presence' | 'type' | 'constraints';
  /** One line a person can read, naming the columns by their labels. */
  detail: string;
  /** The labels of the columns whose schema has this property. */
  presentIn: string[];
};

/** Wording and nested properties are not constraints (nested ones are compared as properties of their own). */
const NOT_CONSTRAINTS = new Set(['title', 'description', '$comment', 'examples', 'properties', '$schema', '$id']);

/** Every property a schema describes, by pointer, following nested `properties`. */
function describedProperties(schema: JsonObject | undefined): Map<string, JsonObject> {
  const found = new Map<string, JsonObject>();
  const visit = (node: JsonObject, path: string[]) => {
    found.set(pointerOf(path), node);
    if (isObject(node.properties)) {
      for (const [key, child] of Object.entries(node.properties)) if (isObject(child)) visit(child, [...path, key]);
    }
  };
  if (isObject(schema)) visit(schema, []);
  return found;
}

const show = (value: unknown) => (value === undefined ? 'none' : JSON.stringify(value));

/** "maximum: 96 (Sandbox) · 72 (Pre-release, Live)": columns grouped by the value they have. */
function describeValues(keyword: string, values: unknown[], labels: readonly string[]): string {
  const groups: { value: unknown; labels: string[] }[] = [];
  values.forEach((value, i) => {
    const group = groups.find((g) => jsonEqual(g.value, value));
    if (group) group.labels.push(labels[i]);
    else groups.push({ value, labels: [labels[i]] });
  });
  return `${keyword}: ${groups.map((g) => `${show(g.value)} (${g.labels.join(', ')})`).join(' · ')}`;
}

export function schemaDifferences(
  schemas: readonly (JsonObject | undefined)[],
  labels: readonly string[],
): SchemaDifference[] {
  // The common case, one schema everywhere, is answered by one comparison instead of a walk of every property.
  if (schemas.every((schema) => jsonEqual(schema, schemas[0]))) return [];
  const described = schemas.map(describedProperties);
  const pointers = new Set(described.flatMap((map) => [...map.keys()]));
  const differences: SchemaDifference[] = [];
  for (const pointer of pointers) {
    const nodes = described.map((map) => map.get(pointer));
    const missing = labels.filter((_, i) => !nodes[i]);
    if (missing.length > 0) {
      const present = labels.filter((_, i) => nodes[i]);
      // A parent missing somewhere already says so; its whole subtree would only repeat it.
      const parent = pointer.slice(0, pointer.lastIndexOf('/'));
      if (pointer !== '' && (parent === '' || described.every((map) => map.has(parent)))) {
        differences.push({
          pointer,
          kind: 'presence',
          detail: `only in ${present.join(', ')}; not in ${missing.join(', ')}`,
          presentIn: present,
        });
      }
      continue;
    }
    const present = nodes as JsonObject[];
    if (!present.every((node) => jsonEqual(node.type, present[0].type))) {
      differences.push({
        pointer,
        kind: 'type',
        detail: describeValues(
          'type',
          present.map((n) => n.type),
          labels,
        ),
        presentIn: [...labels],
      });
      continue;
    }
    const keywords = [...new Set(present.flatMap(Object.keys))].filter((k) => k !== 'type' && !NOT_CONSTRAINTS.has(k));
    const changed = keywords.filter((k) => !present.every((node) => jsonEqual(node[k], present[0][k])));
    if (changed.length > 0) {
      const detail = changed
        .map((k) =>
          describeValues(
            k,
            present.map((n) => n[k]),
            labels,
          ),
        )
        .join('; ');
      differences.push({ pointer, kind: 'constraints', detail, presentIn: [...labels] });
    }
  }
  return differences;
}
