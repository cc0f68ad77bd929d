import { defineConfig } from "@playwright/test";
import * as path from "node:path";

// The release binary built by `make build`; `make e2e` passes its path.
export const bin = process.env.JATINAN_BIN ?? path.resolve(__dirname, "../target/release/jatinan");
const port = 3100;
export const baseURL = `http://127.0.0.1:${port}`;
export const dataDir = path.resolve(__dirname, ".data");
// The WhatsApp channel is on, its Graph API `support/graph-api.mjs` on loopback.
const graphPort = 3101;
export const whatsapp = { appSecret: "rahasia-aplikasi-e2e", token: "token-graph-e2e" };

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
    // A fresh database and mail folder for every run; mail goes to .eml files there, and
    // WhatsApp messages to whatsapp.jsonl.
    command:
      `rm -rf "${dataDir}" && mkdir -p "${dataDir}" && ` +
      `{ node support/graph-api.mjs ${graphPort} "${dataDir}" ${whatsapp.token} & } && exec "${bin}" serve`,
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
      WHATSAPP_PHONE_NUMBER_ID: "109876543210",
      WHATSAPP_TOKEN: whatsapp.token,
      WHATSAPP_APP_SECRET: whatsapp.appSecret,
      WHATSAPP_VERIFY_TOKEN: "verifikasi-e2e",
      WHATSAPP_API_BASE: `http://127.0.0.1:${graphPort}/v21.0`,
      // The push services of browsers are out of reach here: one on loopback stands in.
      PUSH_SERVICE_HOSTS: "127.0.0.1",
    },
  },
});
