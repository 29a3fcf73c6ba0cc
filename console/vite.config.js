// The console's build: one small entry (router, layout, API client) and one chunk per
// page, loaded when the page is opened; ECharts and Cytoscape go only to the pages
// that draw. Everything is bundled from the locked node_modules: nothing is fetched
// from a CDN at run time.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  publicDir: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
  },
});
