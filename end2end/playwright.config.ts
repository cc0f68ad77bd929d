import { defineConfig } from "@playwright/test";
import * as path from "node:path";

// The release binary built by `make build`; `make e2e` passes its path.
export const bin = process.env.JATINAN_BIN ?? path.resolve(__dirname, "../target/release/jatinan");
const port = 3100;
export const baseURL = `http://127.0.0.1:${port}`;
export const dataDir = path.resolve(__dirname, ".data");

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "id-ID",
    viewport: { width: 360, height: 740 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    // A fresh database and mail folder for every run; mail goes to .eml files there.
    command: `rm -rf "${dataDir}" && mkdir -p "${dataDir}" && "${bin}" serve`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DATABASE_URL: `sqlite://${dataDir}/e2e.db`,
      DATA_DIR: dataDir,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: path.resolve(__dirname, "../target/site"),
      BASE_URL: baseURL,
      MAIL_POLL_SECS: "1",
      RUST_LOG: "warn",
    },
  },
});
