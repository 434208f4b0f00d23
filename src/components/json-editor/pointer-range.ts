/**
 * Where a JSON Pointer (`/business_hours/weekday_close`) sits in a JSON document, found through the syntax tree the
 * editor already has: a schema error reported by path can then be marked at its line. A path that does not exist in
 * the text (a missing required property) is marked at the deepest part of it that does.
 */
import type { jsonLanguage } from '@codemirror/lang-json';
import { pathOf } from '../../lib/json-pointer.ts';

type Tree = ReturnType<typeof jsonLanguage.parser.parse>;
type SyntaxNode = Tree['topNode'];

const VALUE_TYPES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  return children;
}

function stepInto(node: SyntaxNode, key: string, text: string): { value: SyntaxNode; marked: SyntaxNode } | undefined {
  if (node.name === 'Object') {
    for (const property of childrenOf(node).filter((child) => child.name === 'Property')) {
      const name = property.getChild('PropertyName');
      const value = childrenOf(property).find((child) => VALUE_TYPES.has(child.name));
      if (!name || !value) continue;
      try {
        if (JSON.parse(text.slice(name.from, name.to)) === key) return { value, marked: property };
      } catch {
        // A half-typed name is no match.
      }
    }
  }
  if (node.name === 'Array' && /^\d+$/.test(key)) {
    const value = childrenOf(node).filter((child) => VALUE_TYPES.has(child.name))[Number(key)];
    if (value) return { value, marked: value };
  }
  return undefined;
}

export function rangeOfPointer(tree: Tree, text: string, pointer: string): { from: number; to: number } {
  let node = tree.topNode.firstChild;
  if (!node) return { from: 0, to: Math.min(1, text.length) };
  let marked: SyntaxNode = node;
  for (const key of pathOf(pointer)) {
    const step = stepInto(node, key, text);
    if (!step) break;
    node = step.value;
    marked = step.marked;
  }
  // Only the first line of a big object or array: the mark should point, not paint the screen red.
  const lineEnd = text.indexOf('\n', marked.from);
  return { from: marked.from, to: lineEnd === -1 ? marked.to : Math.min(marked.to, lineEnd) };
}
