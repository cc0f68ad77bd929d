// A phone in a village: the app installs, keeps opened pages for reading without a signal
// (never another account's, never staff pages), keeps a draft through a reload and sends
// it once when the signal returns, and shrinks a big photo before it is sent.
import { test, expect, chromium, Page, BrowserContext } from "../support/pages";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import config, { baseURL } from "../playwright.config";
import { createStaff, fillIssue, pngPhoto, signIn, signUp } from "./helpers";

/** Waits until the service worker controls the page. */
async function offlineReady(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener("controllerchange", done, { once: true }));
    }
  });
}

/** Cuts the network: the page and its service worker reach nothing. */
async function cut(context: BrowserContext) {
  await context.setOffline(true);
}

async function restore(context: BrowserContext) {
  await context.setOffline(false);
}

test("the app is installable and answers with its offline page when the network is cut", async () => {
  // Chromium installs nothing from a private window, which is what Playwright's contexts
  // are: this test uses a profile on disk.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "jatinan-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...config.use?.launchOptions,
    baseURL,
    locale: "id-ID",
    viewport: { width: 360, height: 740 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/");
    await offlineReady(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await page.request.get("/manifest.webmanifest")).json();
    expect(manifest).toMatchObject({ lang: "id", start_url: "/", display: "standalone", theme_color: "#0b5d3b" });

    await page.goto("/issues");
    await expect(page.locator("#offline-note")).toBeHidden();
    await cut(context);
    // Opened before: the phone's copy, saying so.
    await page.goto("/issues");
    await expect(page.getByRole("heading", { name: "Aduan warga" })).toBeVisible();
    await expect(page.locator("#offline-note")).toBeVisible();
    await expect(page.locator("#offline-note")).toContainText("tanpa sinyal");
    // Never opened: the offline page.
    await page.goto("/scorecard");
    await expect(page.getByRole("heading", { name: "Tidak ada sinyal" })).toBeVisible();
    await restore(context);
    await page.goto("/scorecard");
    await expect(page.getByRole("heading", { name: "Tidak ada sinyal" })).toBeHidden();
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test("a visitor after a signed-in resident finds none of the resident's pages on the phone", async ({ page, context }) => {
  await signUp(page, "Ratna Sari", "ratna@warga.test");
  await offlineReady(page);
  await page.goto("/account");
  await expect(page.getByText("ratna@warga.test").first()).toBeVisible();
  await page.goto("/issues");
  await expect(page.getByText("Ratna Sari").first()).toBeVisible();

  await page.getByRole("button", { name: "Keluar" }).click();
  await expect(page.getByRole("link", { name: "Masuk" }).first()).toBeVisible();
  await cut(context);
  for (const path of ["/account", "/issues"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Tidak ada sinyal" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText("Ratna");
  }
  await restore(context);
});

test("a staff member's pages are never kept on the phone", async ({ page, context }) => {
  createStaff("sekretariat-ponsel@batangkab.go.id", "secretariat", "Staf Ponsel");
  await page.goto("/");
  await offlineReady(page);
  await page.goto("/issues");
  const kept = () => page.evaluate(async () => (await (await caches.open("jatinan-pages")).keys()).length);
  await expect.poll(kept).toBeGreaterThan(0);
  await signIn(page, "sekretariat-ponsel@batangkab.go.id", "kata sandi staf");
  await page.goto("/staff/inbox");
  await page.goto("/issues");
  await expect.poll(kept).toBe(0);
  await cut(context);
  await page.goto("/staff/inbox");
  await expect(page.getByRole("heading", { name: "Tidak ada sinyal" })).toBeVisible();
  await restore(context);
});

test("an issue typed without a signal survives a reload and is posted once when the signal returns", async ({
  page,
  context,
}) => {
  await signUp(page, "Wahyu Hidayat", "wahyu@warga.test");
  await offlineReady(page);
  // The form was never opened: the service worker keeps it beside the first page it keeps.
  await page.goto("/issues");
  await expect
    .poll(() => page.evaluate(async () => !!(await (await caches.open("jatinan-pages")).match("/issues/new"))))
    .toBe(true);

  await cut(context);
  await page.goto("/issues/new");
  await expect(page.getByRole("heading", { name: "Tulis aduan" })).toBeVisible();
  await expect(page.locator("#offline-note")).toBeVisible();
  const title = "Pompa air Dukuh Sawahan macet";
  await fillIssue(page, title, "Mesinnya tidak menyala sejak tiga hari, warga antre air ke desa tetangga.");
  const photo = page.getByLabel("Foto (boleh dikosongkan)");
  await photo.setInputFiles({ name: "pipa.png", mimeType: "image/png", buffer: pngPhoto(640, 480) });
  await expect(page.locator("[data-photo-sizes] li")).toHaveCount(1);
  await page.waitForTimeout(600); // the draft is written 300 ms after the last change
  await page.reload();
  await expect(page.getByText("Tulisan yang belum terkirim dipulihkan")).toBeVisible();
  await expect(page.getByLabel("Judul")).toHaveValue(title);
  await expect(page.getByLabel("Desa/kelurahan")).toHaveValue(/\d+/);
  // The photo waited with the text.
  await expect(page.locator("[data-photo-sizes] li")).toHaveText(/^pipa\.png · \d+ KB$/);
  expect(await photo.evaluate((input: HTMLInputElement) => input.files?.length)).toBe(1);

  await page.getByRole("button", { name: "Kirim aduan" }).click();
  await expect(page.getByText("Menunggu sinyal.")).toBeVisible();
  await expect(page.locator("[data-draft-count]")).toHaveText("1");
  await expect(page.getByLabel("Judul")).toHaveValue("");

  // Several can wait.
  const second = "Pohon randu tumbang di Sawahan";
  await fillIssue(page, second, "Batangnya melintang dan menghalangi anak-anak berangkat sekolah.");
  await page.getByRole("button", { name: "Kirim aduan" }).click();
  await expect(page.locator("[data-draft-count]")).toHaveText("2");

  await restore(context);
  await expect(page.getByText("Tulisan yang menunggu sinyal sudah terkirim.")).toBeVisible();
  await expect(page.getByText("Menunggu sinyal.")).toBeHidden();
  await page.reload();
  await page.goto("/account/issues");
  await expect(page.getByRole("link", { name: title })).toHaveCount(1);
  await expect(page.getByRole("link", { name: second })).toHaveCount(1);
  await page.getByRole("link", { name: title }).click();
  await expect(page.locator(".photos img")).toHaveCount(1);
});

/** A JPEG of about 6 MB and 4000 × 3000 px, drawn by the browser like a phone's photo. */
async function bigPhoto(page: Page): Promise<Buffer> {
  const data = await page.evaluate(async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 4000;
    canvas.height = 3000;
    const context = canvas.getContext("2d")!;
    const sky = context.createLinearGradient(0, 0, 0, 3000);
    sky.addColorStop(0, "#7fb7e6");
    sky.addColorStop(0.6, "#d8e8c8");
    sky.addColorStop(1, "#5a7a3a");
    context.fillStyle = sky;
    context.fillRect(0, 0, 4000, 3000);
    const image = context.getImageData(0, 0, 4000, 3000);
    let seed = 7;
    for (let i = 0; i < image.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed % 25) - 12;
      image.data[i] += grain;
      image.data[i + 1] += grain;
      image.data[i + 2] += grain;
    }
    context.putImageData(image, 0, 0);
    for (const quality of [1, 0.99, 0.98, 0.97]) {
      const blob: Blob = await new Promise((done) => canvas.toBlob((b) => done(b!), "image/jpeg", quality));
      if (blob.size <= 8 * 1024 * 1024) {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let text = "";
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(text);
      }
    }
    return "";
  });
  return Buffer.from(data, "base64");
}

test("a 6 MB, 4000 px photo is shrunk on the phone to an upload under 1 MB", async ({ page }) => {
  await signUp(page, "Dewi Lestari", "dewi@warga.test");
  await page.goto("/issues/new");
  const photo = await bigPhoto(page);
  expect(photo.length).toBeGreaterThan(6 * 1024 * 1024);

  await fillIssue(page, "Tebing dekat Curug Sawahan ambles", "Tanah tebing sepanjang sepuluh meter runtuh setelah hujan deras semalam.");
  await page.getByLabel("Foto (boleh dikosongkan)").setInputFiles({ name: "talud.jpg", mimeType: "image/jpeg", buffer: photo });
  const sizes = page.locator("[data-photo-sizes] li");
  await expect(sizes).toHaveCount(1);
  await expect(sizes).toHaveText(/^talud\.jpg · \d+ KB$/);

  // What the form will send: the shrunk photo in place of the chosen one.
  const chosen = await page.getByLabel("Foto (boleh dikosongkan)").evaluate(async (input: HTMLInputElement) => {
    const file = input.files![0];
    const bitmap = await createImageBitmap(file);
    return { name: file.name, type: file.type, size: file.size, width: bitmap.width, height: bitmap.height };
  });
  expect(chosen).toMatchObject({ name: "talud.jpg", type: "image/jpeg", width: 1600, height: 1200 });
  expect(chosen.size).toBeLessThan(1024 * 1024);
  await expect(sizes).toHaveText(`talud.jpg · ${Math.round(chosen.size / 1024)} KB`);

  const sent = page.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/issues/new"));
  await page.getByRole("button", { name: "Kirim aduan" }).click();
  const length = Number((await (await sent).allHeaders())["content-length"]);
  expect(length).toBeGreaterThan(chosen.size);
  expect(length).toBeLessThan(1024 * 1024);
  await expect(page).toHaveURL(/\/issues\/\d+$/);
  await expect(page.locator(".photos img")).toHaveCount(1);
});

test("the phone's location fills the point and the nearest desa is suggested", async ({ page, context }) => {
  await context.grantPermissions(["geolocation"]);
  // A few hundred metres from the centre of Silurah, in the hills of Wonotunggal.
  await context.setGeolocation({ latitude: -7.0915, longitude: 109.764 });
  await signUp(page, "Sekar Lokasi", "sekar-lokasi@warga.test");
  await page.goto("/issues/new");
  await page.getByRole("button", { name: "Lokasi saya" }).click();
  await expect(page.getByLabel("Lintang")).toHaveValue("-7.09150");
  await expect(page.getByLabel("Bujur")).toHaveValue("109.76400");
  await expect(page.getByText("Saran dari titik itu: desa Silurah, kecamatan Wonotunggal")).toBeVisible();
  await expect(page.locator("#f-kecamatan option:checked")).toHaveText("Wonotunggal");
  await expect(page.locator("#f-desa option:checked")).toHaveText("Silurah");

  // A point typed outside the regency is said to be so.
  await page.getByLabel("Lintang").fill("-6.2");
  await page.getByLabel("Bujur").fill("106.8");
  await page.getByLabel("Bujur").press("Tab");
  await expect(page.getByText("Titik itu di luar Kabupaten Batang.")).toBeVisible();
});
