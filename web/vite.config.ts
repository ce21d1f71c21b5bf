// The workspace is built once into dist/ and served by FastAPI: nothing is fetched at run time.
import { cpSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import vue from "@vitejs/plugin-vue";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Swagger UI for /docs comes from the swagger-ui-dist package, copied beside the page. */
function swaggerUi(): Plugin {
  return {
    name: "qingling-swagger-ui",
    apply: "build",
    closeBundle() {
      const files = ["swagger-ui-bundle.js", "swagger-ui.css"];
      for (const file of files) {
        cpSync(here(`node_modules/swagger-ui-dist/${file}`), here(`dist/swagger/${file}`));
      }
    },
  };
}

export default defineConfig({
  plugins: [vue(), swaggerUi()],
  resolve: { alias: { "@": here("src"), "@generated": here("generated") } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)/ },
            { name: "element-plus", test: /node_modules[\\/](element-plus|@element-plus)/ },
          ],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8000", "/healthz": "http://127.0.0.1:8000" } },
});
