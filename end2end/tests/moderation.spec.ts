// Posting with a photo, being offered a duplicate, supporting, commenting, flagging and
// moderating: with JavaScript on and off. And typed markup never runs.
import { test, expect, Page } from "../support/pages";
import { createStaff, fillIssue, noAccessibilityViolations, pngPhoto, signIn, signUp } from "./helpers";

async function forumSafety(page: Page, tag: string, js: boolean) {
  const stamp = Date.now();
  // Each run its own subject, so that one is not offered the other as a duplicate.
  const subject = js ? "Jembatan bambu" : "Talud sungai";
  const title = `${subject} ${tag} ${stamp} patah`;

  // The author posts with a photo.
  await signUp(page, `Penulis ${tag}`, `penulis-${tag}-${stamp}@warga.test`);
  await page.goto("/issues/new");
  await fillIssue(page, title, "Jembatan bambu penghubung dusun patah setelah banjir kemarin.");
  await page.getByLabel("Foto (boleh dikosongkan)").setInputFiles({
    name: "jembatan.png",
    mimeType: "image/png",
    buffer: pngPhoto(),
  });
  if (js) await noAccessibilityViolations(page);
  await page.getByRole("button", { name: "Kirim aduan" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const photo = page.getByRole("img", { name: "Foto 1 dari aduan ini" });
  await expect(photo).toBeVisible();
  expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  const issueUrl = page.url();
  await page.getByRole("button", { name: "Keluar" }).click();

  // A neighbour starts the same issue, is offered it, and supports it instead.
  await signUp(page, `Tetangga ${tag}`, `tetangga-${tag}-${stamp}@warga.test`);
  await page.goto("/issues/new");
  await fillIssue(page, `${subject} ${tag} ${stamp} rusak`, "Jembatannya sudah tidak bisa dilewati sama sekali.");
  if (!js) await page.getByRole("button", { name: "Kirim aduan" }).click();
  await expect(page.getByRole("heading", { name: "Aduan mirip yang sudah ada" })).toBeVisible();
  if (js) await noAccessibilityViolations(page);
  await page.locator("section.similar li", { hasText: title }).getByRole("button", { name: "Dukung ini" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("1 pendukung")).toBeVisible();

  // Comments, then reports the issue.
  await page.getByLabel("Komentar Anda").fill("Saya juga melihatnya tadi pagi.");
  await page.getByRole("button", { name: "Kirim komentar" }).click();
  await expect(page.getByRole("heading", { name: "Diskusi (1)" })).toBeVisible();
  const tools = page.locator(".moderation-tools");
  await tools.locator("summary", { hasText: "Laporkan" }).click();
  await tools.getByLabel("Mengapa ini perlu diperiksa?").fill("Foto ini bukan jembatan di desa kami.");
  await tools.getByRole("button", { name: "Kirim laporan" }).click();
  await expect(page.getByText("laporan Anda kami terima")).toBeVisible();
  if (js) await noAccessibilityViolations(page);
  await page.getByRole("button", { name: "Keluar" }).click();

  // The secretariat hides it from the queue, with a reason that is recorded.
  const secretariat = `sekretariat-${tag}-${stamp}@staf.test`;
  createStaff(secretariat, "secretariat", `Sekretariat ${tag}`);
  await signIn(page, secretariat, "kata sandi staf");
  await page.goto("/staff/moderation");
  const item = page.locator("li.queue-item", { hasText: title });
  await expect(item).toContainText("Foto ini bukan jembatan di desa kami.");
  if (js) await noAccessibilityViolations(page);
  await item.getByLabel("Sembunyikan").check();
  await item.getByLabel(/^Alasan/).fill("Foto tidak sesuai, menunggu klarifikasi penulis.");
  await item.getByRole("button", { name: "Jalankan" }).click();
  await expect(page.locator("table")).toContainText("Foto tidak sesuai, menunggu klarifikasi penulis.");
  await page.getByRole("button", { name: "Keluar" }).click();

  await page.goto(issueUrl);
  await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
}

test.describe("with JavaScript", () => {
  test("post with a photo, support a similar issue, comment, flag, moderate; axe passes", async ({ page }) => {
    await forumSafety(page, "js", true);
  });

  test("markup typed into an issue and a comment never runs", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const stamp = Date.now();
    await signUp(page, "Penguji", `penguji-${stamp}@warga.test`);
    await page.goto("/issues/new");
    const title = `<img src=x onerror=alert(1)> ${stamp} </title><script>alert(2)</script>`;
    await fillIssue(
      page,
      title,
      `<script>alert(3)</script> <svg onload=alert(4)> [klik](javascript:alert(5)) <a href="javascript:alert(6)">a</a>`,
    );
    await page.getByRole("button", { name: "Kirim aduan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("onerror=alert(1)");
    await page.getByLabel("Komentar Anda").fill(`<img src=x onerror=alert(7)> <details open ontoggle=alert(8)>`);
    await page.getByRole("button", { name: "Kirim komentar" }).click();
    await expect(page.getByRole("heading", { name: "Diskusi (1)" })).toBeVisible();
    await page.reload();
    await page.goto("/issues");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    await page.goto("/issues?q=onerror");
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("post with a photo, support a similar issue, comment, flag, moderate", async ({ page }) => {
    await forumSafety(page, "nojs", false);
  });
});
