// Reads the messages the server wrote as .eml files (no SMTP_URL is set for browser tests).
import * as fs from "node:fs";
import * as path from "node:path";
import { dataDir } from "../playwright.config";

function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** Waits for a message to `to` whose text contains `needle`, and returns the first link in it that contains `linkPart`. */
export async function linkFromMail(to: string, linkPart: string): Promise<string> {
  const dir = path.join(dataDir, "mail");
  for (let attempt = 0; attempt < 100; attempt++) {
    if (fs.existsSync(dir)) {
      for (const file of fs.readdirSync(dir)) {
        const raw = fs.readFileSync(path.join(dir, file), "utf8");
        if (!new RegExp(`^To: .*${to.replace(/[.+]/g, "\\$&")}`, "mi").test(raw)) continue;
        const text = decodeQuotedPrintable(raw);
        // A link ends where the text, a header's <…> or an attribute's quotes end.
        const match = text.match(new RegExp(`https?://[^\\s<>"]*${linkPart.replace(/[?]/g, "\\?")}[^\\s<>"]*`));
        if (match) return match[0];
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to} with a link containing ${linkPart}`);
}
