import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// `vite build vue` from examples/frameworks. Vue must know the tag is a custom element,
// so that it leaves it to the browser (and sets its properties and listens to its events).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'session-security' } } })],
  build: { outDir: 'dist', emptyOutDir: true },
});
