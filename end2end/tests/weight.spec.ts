// What a phone downloads: the build's brotli copies of the wasm, its JS and the CSS are
// sent as they are (`cargo leptos build --precompress`), not compressed per request.
import { test, expect } from "@playwright/test";

test("the wasm, its JS and the CSS arrive as the build's brotli copies", async ({ page }) => {
  const encodings: Record<string, string | undefined> = {};
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith("/pkg/")) encodings[path.split(".").pop() ?? path] = response.headers()["content-encoding"];
  });
  await page.goto("/issues");
  await page.waitForLoadState("networkidle");
  expect(encodings).toEqual({ css: "br", js: "br", wasm: "br" });
});
