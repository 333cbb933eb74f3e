// Counts what a synthesized output declares, so run.sh can check that lcsynth-bench and the
// cdktf reference build the same stack: resources and data sources by type (root and local
// modules), registry module calls by source (local "./modules/..." calls are lcsynth's module
// boundaries, which cdktf writes inline), locals, and root outputs. Each stack is read from its
// cdk.tf.json down its local module calls, a module's document once per call (lcsynth writes
// modules built alike once, for every call).
//
//   node count_blocks.js DIR     prints the counts as JSON, keys sorted

"use strict";

const fs = require("fs");
const path = require("path");

function count(dir) {
  const counts = {};
  const add = (key, n = 1) => (counts[key] = (counts[key] || 0) + n);
  const visit = (file, root) => {
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const kind of ["resource", "data"])
      for (const [type, blocks] of Object.entries(doc[kind] || {})) add(`${kind} ${type}`, Object.keys(blocks).length);
    for (const call of Object.values(doc.module || {}))
      if (call.source.startsWith("./")) visit(path.join(path.dirname(file), call.source, "main.tf.json"), false);
      else add(`module ${call.source}`);
    add("locals", Object.keys(doc.locals || {}).length);
    if (root) add("root outputs", Object.keys(doc.output || {}).length);
  };
  const stacks = path.join(dir, "stacks");
  for (const stack of fs.readdirSync(stacks)) visit(path.join(stacks, stack, "cdk.tf.json"), true);
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

if (process.argv.length !== 3) {
  console.error("usage: node count_blocks.js DIR");
  process.exit(2);
}
console.log(JSON.stringify(count(process.argv[2]), null, 1));
