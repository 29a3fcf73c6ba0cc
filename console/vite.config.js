// The console's build: one small entry (router, layout, API client) and one chunk per
// page, loaded when the page is opened; ECharts and Cytoscape go only to the pages
// that draw. Everything is bundled from the locked node_modules: nothing is fetched
// from a CDN at run time. Every script and style sheet is also written gzip-compressed
// (`.gz` beside it), which the hub sends as it is instead of compressing per request.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { defineConfig } from "vite";

// After the files are written (Vite's own last rewrites, e.g. the preload lists, done).
function precompress() {
  return {
    name: "patent-hub-precompress",
    apply: "build",
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue;
        const path = join(options.dir, fileName);
        const source = readFileSync(path);
        if (source.length < 512) continue;
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  base: "/",
  publicDir: false,
  plugins: [precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
  },
});
