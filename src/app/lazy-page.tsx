import { use, type ComponentType } from 'react';

export type LazyPage = { load: () => Promise<void>; Page: ComponentType };

/**
 * A page whose code loads on first use, and which can be loaded ahead of a navigation. Unlike React.lazy, a page
 * loaded ahead renders at once: the router hands over the new location only after `load()`, so the previous page stays
 * until the next one can be shown, without a Suspense reveal in between.
 */
export function lazyPage(importPage: () => Promise<ComponentType>): LazyPage {
  let Loaded: ComponentType | undefined;
  let loading: Promise<void> | undefined;
  const load = () =>
    (loading ??= importPage().then(
      (component) => {
        Loaded = component;
      },
      (error: unknown) => {
        loading = undefined; // a failed chunk may load on the next attempt
        throw error;
      },
    ));
  function Page() {
    // First visit: Suspense waits for the code; a load that failed reaches the error boundary (and is tried again later).
    if (!Loaded) use(load());
    return Loaded ? <Loaded /> : null;
  }
  return { load, Page };
}
