// A resident registers, verifies the email, signs in and posts an issue: once with
// JavaScript (the page hydrates) and once without (forms post and redirect).
import { test, expect, Page } from "../support/pages";
import { linkFromMail } from "./mail";
import { noAccessibilityViolations } from "./helpers";

async function residentFlow(page: Page, email: string, title: string) {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await page.getByRole("link", { name: "Daftar" }).click();
  await expect(page.getByRole("heading", { name: "Daftar akun warga" })).toBeVisible();

  // A mistake is explained and what was typed stays.
  await page.getByLabel("Nama").fill("Siti Aminah");
  await page.getByLabel("Email").fill("siti-tanpa-at");
  await page.getByLabel("Kata sandi").fill("kata sandi siti");
  await page.getByLabel("Email").evaluate((el) => el.setAttribute("type", "text")); // let the server judge
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByText("Alamat email tidak valid")).toBeVisible();
  await expect(page.getByLabel("Nama")).toHaveValue("Siti Aminah");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill("kata sandi siti");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByText("Kami mengirim tautan verifikasi")).toBeVisible();

  const link = await linkFromMail(email, "/account/verify?token=");
  await page.goto(link);
  await expect(page.getByText("Email Anda sudah terverifikasi.")).toBeVisible();
  await page.getByRole("link", { name: "Masuk" }).first().click();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill("kata sandi siti");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByText("Siti Aminah")).toBeVisible();

  await page.getByRole("link", { name: "Tulis aduan" }).first().click();
  await expect(page.getByRole("heading", { name: "Tulis aduan" })).toBeVisible();
  await page.getByLabel("Judul").fill(title);
  await page.getByLabel("Uraian").fill("Lubang besar di depan SD membahayakan anak-anak setiap pagi.");
  await page.getByLabel("Kategori").selectOption({ label: "Jalan dan jembatan" });
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Subah" });
  await page.getByLabel("Desa/kelurahan").selectOption({ label: "Kalimanggis" });
  await page.getByRole("button", { name: "Kirim aduan" }).click();

  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("Kalimanggis, Subah")).toBeVisible();
  await expect(page.locator("time").first()).toContainText("WIB");
  await page.getByRole("link", { name: "Kembali ke daftar aduan" }).click();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
}

test.describe("with JavaScript", () => {
  test("a resident registers, verifies, signs in and posts an issue", async ({ page }) => {
    const errors: string[] = [];
    // A refused form answers 422 on purpose; anything else logged as an error is a defect.
    page.on("console", (msg) => {
      if (msg.type() === "error" && !/status of 4\d\d/.test(msg.text())) errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(err.message));
    await residentFlow(page, `js-${Date.now()}@warga.test`, `Jalan berlubang di Kalimanggis ${Date.now()}`);
    expect(errors).toEqual([]);
  });

  test("the village list follows the chosen kecamatan once the page hydrates", async ({ page }) => {
    await page.goto("/account/register");
    const email = `pilih-${Date.now()}@warga.test`;
    await page.getByLabel("Nama").fill("Budi");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Kata sandi").fill("kata sandi budi");
    await page.getByRole("button", { name: "Daftar" }).click();
    await page.goto(await linkFromMail(email, "/account/verify?token="));
    await page.goto("/account/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Kata sandi").fill("kata sandi budi");
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.goto("/issues/new");
    const elsewhere = page.locator('#f-desa optgroup[label="Warungasem"]');
    await expect(elsewhere).not.toHaveAttribute("disabled", /.*/);
    await expect(async () => {
      await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Subah" });
      await expect(elsewhere).toHaveAttribute("disabled", /.*/, { timeout: 500 });
    }).toPass();
    await expect(page.locator('#f-desa optgroup[label="Subah"]')).not.toHaveAttribute("disabled", /.*/);
    await noAccessibilityViolations(page);
  });

  test("the language switch changes every string and persists", async ({ page }) => {
    await page.goto("/issues");
    await expect(page.getByRole("heading", { name: "Aduan warga" })).toBeVisible();
    await page.getByRole("button", { name: /English/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Residents' issues" })).toBeVisible();
    await page.getByRole("link", { name: "Register" }).click();
    await expect(page.getByRole("heading", { name: "Register as a resident" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Register as a resident" })).toBeVisible();
    await page.getByRole("button", { name: /Bahasa Indonesia/ }).click();
    await expect(page.getByRole("heading", { name: "Daftar akun warga" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
  });

  test("the home, list and sign-in pages pass axe's WCAG 2.1 AA checks", async ({ page }) => {
    for (const path of ["/", "/issues", "/account/login", "/account/register"]) {
      await page.goto(path);
      await noAccessibilityViolations(page);
    }
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a resident registers, verifies, signs in and posts an issue", async ({ page }) => {
    await residentFlow(page, `nojs-${Date.now()}@warga.test`, `Lampu jalan mati di Kalimanggis ${Date.now()}`);
  });

  test("the language switch works with a plain form", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: /English/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("link", { name: "Post an issue" }).first()).toBeVisible();
    await page.getByRole("button", { name: /Bahasa Indonesia/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
  });
});
