// The Nu HTML Checker (npm `vnu-jar`, run by Java) on every page the browser tests visited
// (`support/pages.ts` kept them): zero errors, or this fails with each error, its page's
// address and the markup around it.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, "../.data/pages");
const jar = path.resolve(here, "../node_modules/vnu-jar/build/dist/vnu.jar");
const index = new Map(
  fs
    .readFileSync(path.join(dir, "index.tsv"), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split("\t")),
);
const run = spawnSync("java", ["-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", dir], {
  encoding: "utf8",
  maxBuffer: 1 << 28,
});
if (run.error) throw run.error;
// The checker writes its report to stderr.
const messages = JSON.parse(run.stderr).messages;
const errors = messages.filter((m) => m.type === "error" || m.subType === "fatal" || m.type === "non-document-error");
for (const m of errors) {
  const page = index.get(path.basename(new URL(m.url).pathname)) ?? m.url;
  console.log(`${page} (line ${m.lastLine}): ${m.message}\n    ${(m.extract ?? "").replace(/\n/g, " ")}`);
}
console.log(`Nu HTML Checker: ${index.size} pages, ${errors.length} errors`);
process.exit(errors.length ? 1 : 0);
