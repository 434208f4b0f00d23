/** A batch get: each distinct id looked up once, in request order, split into what exists and what does not. */
export function findEach<T>(ids: string[], find: (id: string) => T | undefined): { found: T[]; notFound: string[] } {
  const found: T[] = [];
  const notFound: string[] = [];
  for (const id of new Set(ids)) {
    const item = find(id);
    if (item === undefined) notFound.push(id);
    else found.push(item);
  }
  return { found, notFound };
}
