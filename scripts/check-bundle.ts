/**
 * Part of `npm test` (after the build): proves that the light routes never load the heavy editors, and that the
 * overview route's initial JavaScript stays under its ceiling. Prints the figures either way.
 */
import { HEAVY_PACKAGES, routeFigures } from './bundle-figures.ts';
import { OVERVIEW_TARGET_KB } from './check-bundle-target.ts';

/** npm test enforces the target itself (the overview met it once the router stopped shipping its data router). */
const CEILING_KB = Number(process.env.BUNDLE_CEILING_KB ?? OVERVIEW_TARGET_KB);

let failed = false;
for (const route of ['agent-picker-page', 'agent-overview-page', 'connectors-page']) {
  const figures = routeFigures(route);
  const heavy = figures.packages.filter((name) => HEAVY_PACKAGES.test(name));
  console.log(
    `${route}: ${figures.chunks.length} chunks, ${figures.gzipKb.toFixed(1)} kB gzip, ${figures.brotliKb.toFixed(1)} kB brotli`,
  );
  if (heavy.length > 0) {
    console.error(`✗ ${route} loads ${heavy.join(', ')}: heavy editors must be loaded on demand only`);
    failed = true;
  }
  if (route === 'agent-overview-page') {
    const verdict =
      figures.gzipKb <= OVERVIEW_TARGET_KB
        ? 'meets'
        : `misses (by ${(figures.gzipKb - OVERVIEW_TARGET_KB).toFixed(1)} kB)`;
    console.log(`  overview: target ≤ ${OVERVIEW_TARGET_KB} kB gzip ${verdict}; enforced ceiling ${CEILING_KB} kB`);
    if (figures.gzipKb > CEILING_KB) {
      console.error(
        `✗ overview route initial JS is ${figures.gzipKb.toFixed(1)} kB gzip, over the ${CEILING_KB} kB ceiling`,
      );
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
