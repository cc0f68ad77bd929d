// Every page the browser tests visit, kept for the Nu HTML Checker (`support/vnu.mjs` runs it
// after the tests, `make e2e`): each HTML document the server answers, once per distinct
// body. The specs import `test` from here; everything else is Playwright's own.
import { test as base, Browser, BrowserContext } from "@playwright/test";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export * from "@playwright/test";

export const pagesDir = path.resolve(__dirname, "../.data/pages");
// The bodies still being read, per context.
const pending = new WeakMap<BrowserContext, Set<Promise<void>>>();

function keep(url: string, html: string) {
  // The nonce differs per answer; the page does not.
  const name = createHash("sha1").update(html.replace(/nonce="[^"]*"/g, "")).digest("hex").slice(0, 16);
  const file = path.join(pagesDir, `${name}.html`);
  if (fs.existsSync(file)) return;
  fs.mkdirSync(pagesDir, { recursive: true });
  fs.writeFileSync(file, html);
  fs.appendFileSync(path.join(pagesDir, "index.tsv"), `${name}.html\t${url}\n`);
}

function watch(context: BrowserContext) {
  if (pending.has(context)) return;
  const reading = new Set<Promise<void>>();
  pending.set(context, reading);
  context.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    const status = response.status();
    if (response.request().resourceType() !== "document" || !type.startsWith("text/html")) return;
    if (status >= 300 && status < 400) return;
    const job: Promise<void> = response
      .text()
      .then((html) => keep(response.url(), html))
      // A page closed before its body was read is seen again by another test.
      .catch(() => {})
      .finally(() => reading.delete(job));
    reading.add(job);
  });
}

export const test = base.extend<object, object>({
  context: async ({ context }, use) => {
    watch(context);
    await use(context);
    // A body the browser no longer holds is never answered: wait a little, not forever.
    const reading = [...(pending.get(context) ?? [])];
    await Promise.race([Promise.allSettled(reading), new Promise((done) => setTimeout(done, 3_000))]);
  },
  // Contexts and pages a test opens itself (two people at once).
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const context = await newContext(...args);
        watch(context);
        return context;
      };
      const newPage = browser.newPage.bind(browser);
      browser.newPage = async (...args: Parameters<Browser["newPage"]>) => {
        const page = await newPage(...args);
        watch(page.context());
        return page;
      };
      await use(browser);
    },
    { scope: "worker" },
  ],
});
