// Taking part in an issue: support it, comment, reply; with JavaScript on and off.
import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { linkFromMail } from "./mail";

async function signUp(page: Page, name: string, email: string) {
  await page.goto("/account/register");
  await page.getByLabel("Nama").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill("kata sandi warga");
  await page.getByRole("button", { name: "Daftar" }).click();
  await page.goto(await linkFromMail(email, "/account/verify?token="));
  await page.goto("/account/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill("kata sandi warga");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByText(name)).toBeVisible();
}

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
  const title = `Air sumur keruh ${tag} ${Date.now()}`;
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
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a neighbour supports an anonymous issue, comments and replies", async ({ page }) => {
    await takePart(page, "nojs");
  });
});
