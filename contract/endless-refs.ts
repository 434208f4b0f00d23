/**
 * Finds a `$ref` that can never finish: one that leads back to a schema it came from without first descending into a
 * part of the value (`{"$ref": "#"}`, or `{"allOf": [{"$ref": "#"}]}`). ajv compiles such a schema happily, and then
 * every validation recurses until the stack overflows; so it is refused when the schema is saved.
 *
 * Keywords that apply to the same value (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, the schema
 * form of `dependencies`) are followed; keywords that descend (`properties`, `items`, …) end the path, since a value
 * is finite. Only local refs (`#…`) are followed; inside a subschema with its own `$id` they are left alone.
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON Pointer (`/allOf/0/$ref`) of the first endless `$ref`, or undefined when every path descends. */
export function findEndlessRef(root: Json): string | undefined {
  const visiting = new Set<string>();
  const done = new Set<string>();

  function resolve(ref: string): [Json, string] | undefined {
    if (ref !== '#' && !ref.startsWith('#/')) return undefined;
    const pointer = ref.slice(1);
    let node: unknown = root;
    for (const raw of pointer.split('/').slice(1)) {
      const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      node = isObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
    }
    return isObject(node) ? [node, pointer] : undefined;
  }

  function sameValueChildren(node: Json, at: string): [Json, string, string][] {
    const children: [Json, string, string][] = [];
    if (typeof node.$ref === 'string') {
      const target = resolve(node.$ref);
      if (target) children.push([target[0], target[1], `${at}/$ref`]);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const list = node[keyword];
      if (Array.isArray(list))
        list.forEach(
          (item, i) => isObject(item) && children.push([item, `${at}/${keyword}/${i}`, `${at}/${keyword}/${i}`]),
        );
    }
    for (const keyword of ['not', 'if', 'then', 'else']) {
      const child = node[keyword];
      if (isObject(child)) children.push([child, `${at}/${keyword}`, `${at}/${keyword}`]);
    }
    if (isObject(node.dependencies)) {
      for (const [key, child] of Object.entries(node.dependencies)) {
        const path = `${at}/dependencies/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (isObject(child)) children.push([child, path, path]);
      }
    }
    return children;
  }

  function visit(node: Json, at: string): string | undefined {
    if (done.has(at)) return undefined;
    visiting.add(at);
    for (const [child, childAt, via] of sameValueChildren(node, at)) {
      if (visiting.has(childAt)) return via;
      if (typeof child.$id === 'string' && childAt !== '') continue;
      const found = visit(child, childAt);
      if (found) return found;
    }
    visiting.delete(at);
    done.add(at);
    return undefined;
  }

  // Every subschema is a possible start: a cycle may sit under `properties` or `definitions`.
  const starts: [Json, string][] = [];
  const collect = (node: unknown, at: string) => {
    if (Array.isArray(node)) node.forEach((item, i) => collect(item, `${at}/${i}`));
    else if (isObject(node)) {
      starts.push([node, at]);
      for (const [key, child] of Object.entries(node)) {
        if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples')
          collect(child, `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
      }
    }
  };
  collect(root, '');
  for (const [node, at] of starts) {
    const found = visit(node, at);
    if (found) return found;
  }
  return undefined;
}
