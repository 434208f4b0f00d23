/** What a direct visit to each route downloads: its chunks, their packages and compressed sizes (from dist/). */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

type Manifest = Record<string, { file: string; imports?: string[] }>;
export type RouteFigures = { route: string; chunks: string[]; packages: string[]; gzipKb: number; brotliKb: number };

export const HEAVY_PACKAGES = /^(@rjsf\/|ajv|re2js|markdown-to-jsx|@codemirror\/|@uiw\/|@lezer\/|codemirror$)/;

export function routeFigures(route: string, dist = 'dist'): RouteFigures {
  const manifest = JSON.parse(readFileSync(`${dist}/.vite/manifest.json`, 'utf8')) as Manifest;
  const packagesOf = JSON.parse(readFileSync(`${dist}/.vite/chunk-packages.json`, 'utf8')) as Record<string, string[]>;
  const routeKey = Object.keys(manifest).find((key) => key.includes(`/${route}.tsx`));
  if (!routeKey) throw new Error(`no chunk for route ${route}`);
  // The entry, the route, and everything they import statically: what loads before the route is usable.
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  visit('index.html');
  visit(routeKey);
  const chunks = [...seen].map((key) => manifest[key].file);
  const bytes = chunks.map((file) => readFileSync(`${dist}/${file}`));
  return {
    route,
    chunks,
    packages: [...new Set(chunks.flatMap((file) => packagesOf[file] ?? []))].sort(),
    gzipKb: bytes.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0) / 1024,
    brotliKb: bytes.reduce((sum, b) => sum + brotliCompressSync(b).length, 0) / 1024,
  };
}
