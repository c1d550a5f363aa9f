#!/usr/bin/env node
// The benchmark's peer: compromise (npm) over a folder of .txt articles, per document
// its quotations and its people — the nearest thing compromise offers to who-said-what.
// usage: node peer.js FOLDER [LIMIT_SECONDS]
// Prints one JSON object: docs, bytes, seconds (parse + quotations + people, reading
// excluded), mb_per_s, quotations, people, version; with a limit it stops after the first
// document that ends past it (a sample, marked "partial").
'use strict';
const fs = require('fs');
const path = require('path');
const nlp = require('compromise');

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out;
}

const dir = process.argv[2];
const limit = Number(process.argv[3] || 0);
if (!dir) {
  process.stderr.write('usage: node peer.js FOLDER [LIMIT_SECONDS]\n');
  process.exit(2);
}
const files = walk(dir, []).filter((f) => !/README/i.test(path.basename(f)));
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
let bytes = 0, quotations = 0, people = 0, docs = 0, partial = false;
const t0 = process.hrtime.bigint();
for (const t of texts) {
  const doc = nlp(t);
  quotations += doc.quotations().out('array').length;
  people += doc.people().out('array').length;
  bytes += Buffer.byteLength(t, 'utf8');
  docs++;
  if (limit && Number(process.hrtime.bigint() - t0) / 1e9 > limit) {
    partial = docs < texts.length;
    break;
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const version = nlp.version || JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('compromise')), '..', 'package.json'), 'utf8')).version;
process.stdout.write(JSON.stringify({ tool: 'compromise', version, docs, bytes, seconds,
  mb_per_s: bytes / 1e6 / seconds, quotations, people, partial }) + '\n');
