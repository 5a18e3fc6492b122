import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `vite build react` from examples/frameworks; the test serves dist/ with a real ping endpoint.
export default defineConfig({ root: import.meta.dirname, plugins: [react()], build: { outDir: 'dist', emptyOutDir: true } });
