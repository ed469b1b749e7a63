// The console calls the API on its own origin (/v1/...): Vite's dev server
// and `vite preview` both forward /v1 to the service, so the service needs no
// CORS and no secret is baked into the build.
import { defineConfig } from "vite";

const api = process.env.SEATKEEPER_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  server: { proxy: { "/v1": api } },
  preview: { proxy: { "/v1": api } },
  build: { outDir: process.env.CONSOLE_OUT_DIR ?? "dist", emptyOutDir: true },
});
