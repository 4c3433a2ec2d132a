import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress.ts';

/**
 * Two entries: the staff single-page app (/personal/) and the small script + stylesheet of the
 * server-rendered public pages. The manifest tells the server the hashed file names.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    rollupOptions: {
      input: {
        staff: fileURLToPath(new URL('personal/index.html', import.meta.url)),
        public: fileURLToPath(new URL('src/public/public-entry.ts', import.meta.url)),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
