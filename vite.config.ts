import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';

const API = `http://127.0.0.1:${process.env.API_PORT ?? 4300}`;
// A file path, not a package subpath: react-router's exports do not list its production build.
const reactRouterBuild = (file: string) =>
  fileURLToPath(new URL(`./node_modules/react-router/dist/production/${file}`, import.meta.url));
/** Records which npm packages each output chunk contains, so the bundle check can prove what a route loads. */
const chunkPackages = (): Plugin => ({
  name: 'switchboard:chunk-packages',
  generateBundle(_options, bundle) {
    const packages: Record<string, string[]> = {};
    for (const [file, output] of Object.entries(bundle)) {
      if (output.type !== 'chunk') continue;
      const names = output.moduleIds
        .map((id) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1])
        .filter((n): n is string => !!n);
      packages[file] = [...new Set(names)].sort();
    }
    this.emitFile({ type: 'asset', fileName: '.vite/chunk-packages.json', source: JSON.stringify(packages, null, 1) });
  },
});
const DEV_ORIGINS = new Set(['http://localhost:5310', 'http://127.0.0.1:5310']);

export default defineConfig(({ command }) => ({
  plugins: [react(), tailwindcss(), chunkPackages()],
  // react-router's package exports always select its development build (dev-only checks and messages included); its
  // production build ships alongside, so production bundles use it (about 25% smaller). Tests keep the warnings.
  resolve:
    command === 'build'
      ? {
          alias: [
            { find: /^react-router$/, replacement: reactRouterBuild('index.mjs') },
            { find: /^react-router\/dom$/, replacement: reactRouterBuild('dom-export.mjs') },
          ],
        }
      : {},
  // `npm run dev` serves the app with HMR and forwards the API to a server started with `npm run dev:api`. The API
  // server accepts only its own Host and Origin, so requests from this dev server are presented as same-origin.
  server: {
    port: 5310,
    proxy: Object.fromEntries(
      ['/v1', '/api', '/__emulator'].map((prefix) => [
        prefix,
        {
          target: API,
          changeOrigin: true,
          configure: (proxy) =>
            proxy.on('proxyReq', (proxyReq, req) => {
              if (DEV_ORIGINS.has(req.headers.origin ?? '')) proxyReq.setHeader('origin', API);
            }),
        },
      ]),
    ),
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    // Every supported browser preloads modules natively; the polyfill would only add to the first load.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Every page needs the framework: one chunk compresses better than the pieces the automatic split makes.
        // Likewise the small building blocks the light pages share (a dozen chunks of a few hundred bytes otherwise).
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: /node_modules\/(react|react-dom|scheduler|react-router|@tanstack\/(react-query|query-core))\//,
            },
            {
              name: 'common',
              test: /\/src\/(components\/ui\/(badge|button|card|env-badge|states|timestamp)|lib\/(json-equal|json-pointer|usable-mark|recent-agents|relative-time|variable-drift|compare-view|validation\/(use-)?variables-check))\.tsx?$/,
            },
          ],
        },
      },
    },
  },
}));
