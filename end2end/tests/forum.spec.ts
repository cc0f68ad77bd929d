// Taking part in an issue: support it, comment, reply; with JavaScript on and off.
import { test, expect, Page } from "../support/pages";
import { noAccessibilityViolations, signUp } from "./helpers";

async function postIssue(page: Page, title: string, privacy: "Publik" | "Anonim") {
  await page.goto("/issues/new");
  await page.getByLabel("Judul").fill(title);
  await page.getByLabel("Uraian").fill("Air sumur warga keruh dan berbau sejak pabrik baru beroperasi.");
  await page.getByLabel("Kategori").selectOption({ label: "Sampah dan lingkungan" });
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Subah" });
  await page.getByLabel("Desa/kelurahan").selectOption({ label: "Kalimanggis" });
  await page.getByLabel(privacy).check();
  await page.getByRole("button", { name: "Kirim aduan" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
}

async function takePart(page: Page, tag: string) {
  // Different subjects, so that the second is not offered the first as a duplicate.
  const title = `${tag === "js" ? "Air sumur keruh" : "Sungai tercemar limbah"} ${Date.now()}`;
  await signUp(page, `Pelapor ${tag}`, `pelapor-${tag}-${Date.now()}@warga.test`);
  await postIssue(page, title, "Anonim");
  await expect(page.getByText("Anonim").first()).toBeVisible();
  const issueUrl = page.url();
  await page.getByRole("button", { name: "Keluar" }).click();

  await signUp(page, `Tetangga ${tag}`, `tetangga-${tag}-${Date.now()}@warga.test`);
  await page.goto(issueUrl);
  await expect(page.getByText(`Pelapor ${tag}`)).toHaveCount(0);
  await expect(page.getByText("0 pendukung")).toBeVisible();
  await page.getByRole("button", { name: "Dukung" }).click();
  await expect(page.getByText("1 pendukung")).toBeVisible();
  await expect(page.getByRole("button", { name: "Batalkan dukungan" })).toBeVisible();

  await page.getByLabel("Komentar Anda").fill("Kami di RT 03 juga **mengalami** hal yang sama.");
  await page.getByRole("button", { name: "Kirim komentar" }).click();
  await expect(page.getByRole("heading", { name: "Diskusi (1)" })).toBeVisible();
  await expect(page.locator("strong", { hasText: "mengalami" })).toBeVisible();

  await page.locator("summary", { hasText: "Balas" }).click();
  await page.locator("textarea[id^=c-reply-]").fill("Sudah lapor ke kepala desa?");
  await page.getByRole("button", { name: "Kirim balasan" }).click();
  await expect(page.getByRole("heading", { name: "Diskusi (2)" })).toBeVisible();
  await expect(page.locator("article.comment.reply")).toContainText("Sudah lapor ke kepala desa?");
  return page;
}

test.describe("with JavaScript", () => {
  test("a neighbour supports an anonymous issue, comments and replies; the page passes axe", async ({ page }) => {
    await takePart(page, "js");
    await noAccessibilityViolations(page);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a neighbour supports an anonymous issue, comments and replies", async ({ page }) => {
    await takePart(page, "nojs");
  });
});
