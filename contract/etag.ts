/**
 * Conditional writes on config pages (our addition, standard HTTP). `lastUpdated` strictly increases on every write to
 * a page, so it is the page's version: a client can send `If-Match` from any copy of a page, including list results.
 * Plain functions, no schema library: the browser imports this.
 */
type Versioned = { lastUpdated?: string };

export const etagOf = (page: Versioned): string => `"${page.lastUpdated ?? 'never'}"`;

/** Whether an `If-Match` header allows writing over `page`: absent or `*` always; else one of its tags is the page's. */
export function ifMatchAllows(ifMatch: string | undefined, page: Versioned): boolean {
  if (ifMatch === undefined || ifMatch.trim() === '*') return true;
  return ifMatch.split(',').some((tag) => tag.trim() === etagOf(page));
}
