// Counts what a synthesized output declares, so run.sh can check that lcsynth-bench and the
// cdktf reference build the same stack: resources and data sources by type (root and local
// modules), registry module calls by source (local "./modules/..." calls are lcsynth's module
// boundaries, which cdktf writes inline), locals, and root outputs.
//
//   node count_blocks.js DIR     prints the counts as JSON, keys sorted

"use strict";

const fs = require("fs");
const path = require("path");

function documents(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...documents(full));
    else if (entry.name.endsWith(".tf.json")) out.push(full);
  }
  return out;
}

function count(dir) {
  const counts = {};
  const add = (key, n = 1) => (counts[key] = (counts[key] || 0) + n);
  for (const file of documents(path.join(dir, "stacks"))) {
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const kind of ["resource", "data"])
      for (const [type, blocks] of Object.entries(doc[kind] || {})) add(`${kind} ${type}`, Object.keys(blocks).length);
    for (const call of Object.values(doc.module || {}))
      if (!call.source.startsWith("./")) add(`module ${call.source}`);
    add("locals", Object.keys(doc.locals || {}).length);
    if (path.basename(file) === "cdk.tf.json") add("root outputs", Object.keys(doc.output || {}).length);
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

if (process.argv.length !== 3) {
  console.error("usage: node count_blocks.js DIR");
  process.exit(2);
}
console.log(JSON.stringify(count(process.argv[2]), null, 1));
