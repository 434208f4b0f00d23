import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // `npm run dev` serves the app with HMR and forwards the API to a server started with `npm run dev:api`.
  server: { port: 5310, proxy: { '/v1': `http://127.0.0.1:${process.env.API_PORT ?? 4300}` } },
  build: { target: 'es2022', sourcemap: false },
});
