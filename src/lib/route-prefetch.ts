/**
 * Lets a link warm up the code of the page it leads to (on hover or focus) without features importing the app shell:
 * the router registers each page's loader by name, features ask for it by name.
 */
const loaders = new Map<string, () => Promise<unknown>>();

export function registerRouteLoader(name: string, load: () => Promise<unknown>) {
  loaders.set(name, load);
}

/** Starts loading the page's code; the module system keeps it, so the later navigation does not wait for it. */
export function prefetchRoute(name: string) {
  loaders
    .get(name)?.()
    .catch(() => undefined);
}
