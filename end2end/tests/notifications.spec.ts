// Mail preferences and the unsubscribe link every message carries: with JavaScript on and off.
import { test, expect, Page } from "../support/pages";
import { fillIssue, noAccessibilityViolations, signUp } from "./helpers";
import { linkFromMail } from "./mail";

async function unsubscribeAndChoose(page: Page, tag: "js" | "nojs") {
  // axe runs as a script in the page, so only where scripts run.
  const checkAccessibility = async () => {
    if (tag === "js") await noAccessibilityViolations(page);
  };
  const email = `kabar-${tag}-${Date.now()}@warga.test`;
  await signUp(page, `Warga ${tag}`, email);
  await page.goto("/issues/new");
  // Different subjects, so that the second is not offered the first as a duplicate.
  const title = tag === "js" ? "Gorong-gorong ambrol di depan balai desa" : "Tiang listrik miring dekat sekolah";
  await fillIssue(page, `${title} ${Date.now()}`, "Sudah seminggu dan membahayakan orang yang lewat setiap hari.");
  await page.getByRole("button", { name: "Kirim aduan" }).click();
  await expect(page.getByRole("link", { name: "Kembali ke daftar aduan" })).toBeVisible();

  // The link in the "issue received" mail asks before it turns anything off.
  await page.goto(await linkFromMail(email, "/unsubscribe?t="));
  await expect(page.getByRole("heading", { name: "Berhenti berlangganan" })).toBeVisible();
  await expect(page.getByText(/Berhenti mengirim email tentang aduan saya ke ka\*\*\*@warga\.test\?/)).toBeVisible();
  await checkAccessibility();
  await page.getByRole("button", { name: "Ya, berhenti" }).click();
  await expect(page.getByText("Selesai. Anda tidak akan lagi menerima email tentang aduan saya.")).toBeVisible();

  await page.getByRole("link", { name: "Atur semua pemberitahuan" }).click();
  await expect(page.getByRole("heading", { name: "Pemberitahuan email" })).toBeVisible();
  await expect(page.getByRole("group", { name: "aduan saya" }).getByLabel("Tidak usah")).toBeChecked();
  await expect(page.getByRole("group", { name: "komentar" }).getByLabel("Ringkasan harian")).toBeChecked();
  await page.getByRole("group", { name: "komentar" }).getByLabel("Langsung").check();
  await page.getByRole("button", { name: "Simpan pengaturan" }).click();
  await expect(page.getByText("Pengaturan pemberitahuan disimpan.")).toBeVisible();
  await expect(page.getByRole("group", { name: "komentar" }).getByLabel("Langsung")).toBeChecked();
  await checkAccessibility();
}

test.describe("with JavaScript", () => {
  test("a resident turns one kind of mail off from its link and chooses the rest", async ({ page }) => {
    await unsubscribeAndChoose(page, "js");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a resident turns one kind of mail off from its link and chooses the rest", async ({ page }) => {
    await unsubscribeAndChoose(page, "nojs");
  });
});
