/**
 * Builds the Sales Hub web UI (ui/) into dist/ui/, which the server sends at `/` (src/http/web-ui.ts).
 * `npm run dev:ui` serves it with hot reload and forwards the Web API and sign-in (`/api`, `/auth`) to the
 * server `npm start` runs on this machine: on `PORT`, as the server reads it, else 5555.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const orderline = `http://127.0.0.1:${process.env.PORT || '5555'}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    // Fluent UI is most of the bundle; one chunk keeps the first load to two requests.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: Object.fromEntries(['/api', '/auth'].map((path) => [path, orderline])),
  },
});
