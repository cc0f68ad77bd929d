// What several browser tests share: accounts, staff made with the CLI, axe, a test photo.
import { expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import * as zlib from "node:zlib";
import { bin, dataDir } from "../playwright.config";
import { linkFromMail } from "./mail";

export async function noAccessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/account/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("button", { name: "Keluar" })).toBeVisible();
}

/** Registers a resident, follows the verification mail and signs in. */
export async function signUp(page: Page, name: string, email: string) {
  await page.goto("/account/register");
  await page.getByLabel("Nama").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill("kata sandi warga");
  await page.getByRole("button", { name: "Daftar" }).click();
  await page.goto(await linkFromMail(email, "/account/verify?token="));
  await signIn(page, email, "kata sandi warga");
  await expect(page.getByText(name)).toBeVisible();
}

/** A Friday at least a week ahead, as YYYY-MM-DD (local date of the test machine). */
export function fridayAhead(): string {
  const day = new Date(Date.now() + 8 * 86_400_000);
  while (day.getDay() !== 5) day.setDate(day.getDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** A staff account, made as an administrator makes one: with the command line. */
export function createStaff(email: string, role: string, name: string, opd?: string) {
  const args = ["user", "create", "--email", email, "--role", role, "--name", name, ...(opd ? ["--opd", opd] : [])];
  execFileSync(bin, args, {
    input: "kata sandi staf\n",
    env: { ...process.env, DATABASE_URL: `sqlite://${dataDir}/e2e.db`, DATA_DIR: dataDir, RUST_LOG: "warn" },
  });
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG photo (a colour gradient) of the given size. */
export function pngPhoto(width = 320, height = 240): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows.set([x % 256, y % 256, 120], at);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Fills the issue form's required fields (Subah / Kalimanggis). */
export async function fillIssue(page: Page, title: string, body: string) {
  await page.getByLabel("Judul").fill(title);
  await page.getByLabel("Uraian").fill(body);
  await page.getByLabel("Kategori").selectOption({ label: "Jalan dan jembatan" });
  await page.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Subah" });
  await page.getByLabel("Desa/kelurahan").selectOption({ label: "Kalimanggis" });
}
