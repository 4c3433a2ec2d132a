import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Two entries: the staff single-page app (/personal/) and the small script + stylesheet of the
 * server-rendered public pages. The manifest tells the server the hashed file names.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
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
