import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `vite dev` proxies the API (HTTP and graphql-ws) so the dashboard stays same-origin in development.
// GUILDSCOPE_API points at a running API, e.g. the one `npm start` prints.
const api = process.env.GUILDSCOPE_API ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
    },
  },
});
