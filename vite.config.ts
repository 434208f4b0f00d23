import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

const API = `http://127.0.0.1:${process.env.API_PORT ?? 4300}`;
const DEV_ORIGINS = new Set(['http://localhost:5310', 'http://127.0.0.1:5310']);

export default defineConfig({
  plugins: [react(), tailwindcss()],
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
  build: { target: 'es2022', sourcemap: false },
});
