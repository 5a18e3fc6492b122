import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// `vite build svelte` from examples/frameworks.
export default defineConfig({ root: import.meta.dirname, plugins: [svelte()], build: { outDir: 'dist', emptyOutDir: true } });
