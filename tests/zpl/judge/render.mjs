// The ZPL judge: renders every label format (^XA … ^XZ) of a ZPL file to a PNG with
// zpl-renderer-js (a WebAssembly build of the zebrash renderer), independently of labelgen.
//
//   node render.mjs <in.zpl> <out dir> <dots per mm>
//
// Writes <out dir>/label-0001.png, … one per label, each the size of the label's ^PW x ^LL, and
// prints the number of labels rendered. Exit 1 on any error. Works with Node 18 and later.
import { webcrypto } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

// Node 18 has no global Web Crypto; the Go WebAssembly runtime needs it.
if (!globalThis.crypto) globalThis.crypto = webcrypto;

function fail(message) {
  process.stderr.write(`render.mjs: ${message}\n`);
  process.exit(1);
}

const [input, outDir, dpmmText] = process.argv.slice(2);
if (!input || !outDir || !dpmmText) fail("usage: node render.mjs <in.zpl> <out dir> <dots per mm>");
const dpmm = Number(dpmmText);
if (!(dpmm > 0)) fail(`bad dots per mm "${dpmmText}"`);

const zpl = readFileSync(input, "utf8");
const labels = [];
for (let at = 0; ; ) {
  const start = zpl.indexOf("^XA", at);
  if (start < 0) break;
  const end = zpl.indexOf("^XZ", start);
  if (end < 0) fail(`label ${labels.length + 1}: ^XA without ^XZ`);
  labels.push(zpl.slice(start, end + 3));
  at = end + 3;
}

// The package's ES build is a .js file without "type": "module": Node 18 cannot import it
// (newer Nodes detect the syntax). Its CommonJS build loads everywhere.
const { ready } = createRequire(import.meta.url)("zpl-renderer-js");
const { api } = await ready;
mkdirSync(outDir, { recursive: true });
// Consecutive labels of one size are rendered together (one call per up to 50 labels: much
// faster than one call per label).
const sizes = labels.map((label, i) => {
  const pw = /\^PW(\d+)/.exec(label);
  const ll = /\^LL(\d+)/.exec(label);
  if (!pw || !ll) fail(`label ${i + 1}: no ^PW or ^LL`);
  return `${pw[1]}x${ll[1]}`;
});
for (let first = 0; first < labels.length; ) {
  let end = first + 1;
  while (end < labels.length && end - first < 50 && sizes[end] === sizes[first]) ++end;
  const [w, h] = sizes[first].split("x").map(Number);
  let pngs;
  try {
    pngs = await api.zplToBase64MultipleAsync(labels.slice(first, end).join("\n"), w / dpmm, h / dpmm, dpmm);
  } catch (e) {
    fail(`labels ${first + 1}-${end}: ${e && e.message ? e.message : e}`);
  }
  if (!Array.isArray(pngs) || pngs.length !== end - first)
    fail(`labels ${first + 1}-${end}: the renderer returned ${pngs && pngs.length} images`);
  pngs.forEach((png, k) => {
    const name = `label-${String(first + k + 1).padStart(4, "0")}.png`;
    writeFileSync(join(outDir, name), Buffer.from(png, "base64"));
  });
  first = end;
}
process.stdout.write(`${labels.length}\n`);
process.exit(0);
