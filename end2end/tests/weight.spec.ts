// What a phone downloads: the build's brotli copies of the wasm, its JS and the CSS are
// sent as they are (`make build` writes them), not compressed per request; only the pages
// with the issue form (the app's one island) load the wasm at all, and every other page
// loads the CSS and `/app.js` (the service worker's installer and the drafts).
import { test, expect, Page } from "../support/pages";

async function encodings(page: Page, path: string): Promise<Record<string, string | undefined>> {
  const seen: Record<string, string | undefined> = {};
  page.on("response", (response) => {
    const file = new URL(response.url()).pathname;
    if (file.startsWith("/pkg/")) seen[file.split(".").pop() ?? file] = response.headers()["content-encoding"];
  });
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  return seen;
}

test("the wasm, its JS and the CSS arrive as the build's brotli copies", async ({ page }) => {
  expect(await encodings(page, "/issues/new")).toEqual({ css: "br", js: "br", wasm: "br" });
});

test("a page without an island loads the CSS and no wasm", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  expect(await encodings(page, "/issues")).toEqual({ css: "br" });
  expect(scripts).toEqual(["/app.js"]);
});
