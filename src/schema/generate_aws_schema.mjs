#!/usr/bin/env node
// generate_aws_schema.mjs - derive lcsynth's offline hashicorp/aws schema data file.
//
// Usage (from the repository root):
//   node src/schema/generate_aws_schema.mjs [--types a,b,data.c] [--out FILE]
//                                           [--tarball FILE] [--check-all]
//
//   --types     comma-separated Terraform type names to describe in full. A bare name
//               (aws_lambda_function) is a resource; prefix data sources with "data."
//               (data.aws_vpc). Default: DEFAULT_RESOURCES + DEFAULT_DATA_SOURCES below,
//               i.e. every type lcsynth emits today. "--types all" describes every type
//               (about 6 MB of JSON; meant for --compare-terraform checks, not for the repo).
//   --out       output file (default: src/schema/aws-provider-6.25.0.json next to this script).
//   --tarball   use an already downloaded `npm pack` tarball of @cdktf/provider-aws@21.22.1
//               instead of running `npm pack` (its name/version are still checked).
//   --check-all also derive every resource and data source (without writing them) and print
//               the name-source / consistency statistics for the whole provider to stderr.
//   --compare-terraform SCHEMA.json
//               after writing, diff the described types against the output of
//               `terraform providers schema -json` (see README.md); one line per difference.
//   --no-generate  skip the download/derivation and only run --compare-terraform on --out.
//
// Provenance: npm package @cdktf/provider-aws@21.22.1 (the last prebuilt cdktf provider,
// generated from registry.terraform.io/hashicorp/aws 6.25.0, see package.json
// "cdktf.provider"). The package is NOT vendored: this script runs `npm pack` into a
// fs.mkdtemp() directory, extracts the files it needs with a small built-in tar reader
// (Node standard library only, no npm dependencies) and deletes the directory at the end.
//
// What it derives and how:
//   * The jsii assembly (package/.jsii; if that is a {"schema":"jsii/file-redirect"} redirect file, the
//     referenced, possibly gzip-compressed, file such as .jsii.gz is read instead) is the
//     primary source. Every class whose jsii `base` is cdktf.TerraformResource is a resource,
//     every class whose base is cdktf.TerraformDataSource is a data source.
//   * Terraform type name: jsii records the static `tfResourceType` property (const: true) but
//     NOT its value, so the name is taken from the class docs summary, which cdktf writes as
//     "Represents a {@link https://registry.terraform.io/.../docs/resources/lambda_function
//     aws_lambda_function}." (the link text is the type name). It is cross-checked, for every
//     class, against the compiled constant `LambdaFunction.tfResourceType = "aws_lambda_function";`
//     in the package's lib/<module>/index.js; any mismatch aborts the run.
//   * Arguments and nested blocks: the properties of the class's config struct (the type of the
//     initializer's `config` parameter, normally <Class>Config), recursively through nested
//     structs. The Terraform name is the link text after '#' in the property docs
//     ("{@link https://...#function_name LambdaFunction#function_name}"); snake_case of the jsii
//     name is used only when no such link exists (counted and reported). Required = jsii
//     `optional` is absent. A property is a nested block when its docs summary is "<name> block."
//     (cdktf's wording for Terraform blocks); its nesting is "single" when the jsii type is a
//     bare struct (cdktf maps MaxItems=1 blocks to a struct) and "list" when it is a struct array
//     (`IResolvable | Struct[]`). Set-typed blocks are recorded as "list" too (both are JSON
//     arrays); struct-typed properties that are not blocks (nested attributes) become object types.
//   * Argument types: string, number, bool (jsii `boolean | IResolvable`), list(T), set(T),
//     map(T), any. jsii has one array type for Terraform lists and sets, so the set/list
//     distinction is read from the compiled module: cdktf's generated synthesizeHclAttributes()
//     and <struct>ToHclTerraform() functions carry `type: "set"` / `type: "list"` per Terraform
//     attribute name. Those entries are also used to cross-check names and block-ness.
//   * Exported attributes ("attributes"): the non-static getter properties of the resource
//     class (for blocks: of the block's <Struct>OutputReference class), minus the `<x>Input`
//     getters and minus nested blocks (listed under "blocks"). This is every name readable as
//     <type>.<name>.<attr>: computed-only attributes plus arguments (which Terraform also exposes).
//     jsii carries no Terraform name for computed-only getters, so the name is taken from the
//     compiled getter body (`this.getStringAttribute('invoke_arn')`, or the
//     `new XList(this, "cidr_block_associations", ...)` field it returns); arguments reuse the
//     config-doc name; snake_case is the counted last resort.
//
// Output (sorted keys, 2-space indent, trailing newline):
//   { "provenance", "provider": {"source","version"}, "all_resource_types": [...],
//     "all_data_source_types": [...],
//     "resources"/"data_sources": { "<type>": { "arguments": {"<name>": {"type","required"}},
//        "blocks": {"<name>": {"nesting": "single|list", "required", "arguments", "blocks",
//                              "attributes"}}, "attributes": [...] } } }
// all_*_types always lists every type (for "did you mean"); full entries only for --types.
// Blocks carry two keys beyond the minimal shape: "required" (the jsii property is not
// optional, i.e. min_items >= 1) and "attributes" (readable names inside the block, including
// computed-only ones such as aws_lambda_function.vpc_config.vpc_id). Five blocks in the whole
// provider that cdktf could not type (wafv2 rule.statement, quicksight definition) are written
// as {"nesting": "unknown", "opaque": true, ...}; none is in the default type list.
//
// Known limits of the source (cdktf loses the information, so it cannot be recovered here):
// Terraform NestingSingle blocks of plugin-framework resources (e.g. aws_bedrock_model_invocation_
// logging_configuration.logging_config) appear in jsii as struct arrays and are recorded as
// "list"; the inner kind of nested collections (set(set(string)) vs set(list(string))) is
// unknown and written as list. Neither occurs in the default type list.
//
// See src/schema/README.md for the regeneration procedure and what was verified against the
// real `terraform providers schema -json` output.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const PACKAGE = '@cdktf/provider-aws';
const PACKAGE_VERSION = '21.22.1';
const PROVIDER_SOURCE = 'hashicorp/aws';
const PROVIDER_VERSION = '6.25.0';
const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT_REL = 'src/schema/generate_aws_schema.mjs';

const DEFAULT_RESOURCES = [
  'aws_api_gateway_deployment', 'aws_api_gateway_integration', 'aws_api_gateway_integration_response',
  'aws_api_gateway_method', 'aws_api_gateway_method_response', 'aws_api_gateway_resource',
  'aws_api_gateway_rest_api', 'aws_api_gateway_stage', 'aws_cloudfront_function', 'aws_ecr_repository',
  'aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_lambda_function',
  'aws_lambda_permission', 'aws_route53_record', 'aws_s3_bucket', 'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block', 'aws_security_group', 'aws_sns_topic', 'aws_sqs_queue',
  'aws_vpc_security_group_egress_rule', 'aws_vpc_security_group_ingress_rule',
];
const DEFAULT_DATA_SOURCES = ['aws_caller_identity', 'aws_ecr_repository', 'aws_region', 'aws_vpc'];

// ---------------------------------------------------------------------------------------------
// command line

function parseArgs(argv) {
  const opts = { types: null, out: path.join(SCRIPT_DIR, `aws-provider-${PROVIDER_VERSION}.json`), tarball: null, checkAll: false, compare: null, generate: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--types' || a.startsWith('--types=')) opts.types = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--out' || a.startsWith('--out=')) opts.out = path.resolve(value());
    else if (a === '--tarball' || a.startsWith('--tarball=')) opts.tarball = path.resolve(value());
    else if (a === '--check-all') opts.checkAll = true;
    else if (a === '--compare-terraform' || a.startsWith('--compare-terraform=')) opts.compare = path.resolve(value());
    else if (a === '--no-generate') opts.generate = false;
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node src/schema/generate_aws_schema.mjs [--types a,b,data.c] [--out FILE] [--tarball FILE] [--check-all]\n'
        + '                                            [--compare-terraform SCHEMA.json [--no-generate]]\n');
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  return opts;
}

class Failure extends Error {}
// Throws, so that generate()'s `finally` still removes the temporary directory.
function fail(msg) {
  throw new Failure(msg);
}

// ---------------------------------------------------------------------------------------------
// npm pack + minimal streaming tar reader (ustar, pax and GNU long names; regular files only)

function npmPack(dir) {
  const spec = `${PACKAGE}@${PACKAGE_VERSION}`;
  process.stderr.write(`running npm pack ${spec} in ${dir}\n`);
  const out = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', spec, '--json', '--ignore-scripts'], {
    cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], shell: process.platform === 'win32', maxBuffer: 256 << 20,
  });
  const info = JSON.parse(out)[0];
  return { file: path.join(dir, info.filename), integrity: info.integrity, shasum: info.shasum };
}

class ByteReader {
  constructor(stream) { this.it = stream[Symbol.asyncIterator](); this.chunks = []; this.len = 0; this.eof = false; }
  async fill(n) {
    while (this.len < n && !this.eof) {
      const { value, done } = await this.it.next();
      if (done) { this.eof = true; break; }
      this.chunks.push(value); this.len += value.length;
    }
  }
  async read(n) {
    await this.fill(n);
    if (this.len < n) throw new Error('truncated tar archive');
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.len);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : []; this.len = rest.length;
    return all.subarray(0, n);
  }
  async skip(n) {
    while (n > 0) {
      if (!this.chunks.length) { await this.fill(1); if (!this.chunks.length) throw new Error('truncated tar archive'); }
      const c = this.chunks[0];
      if (c.length <= n) { this.chunks.shift(); this.len -= c.length; n -= c.length; }
      else { this.chunks[0] = c.subarray(n); this.len -= n; n = 0; }
    }
  }
}

function tarString(buf, off, len) {
  const s = buf.subarray(off, off + len); const z = s.indexOf(0);
  return s.subarray(0, z < 0 ? len : z).toString('utf8');
}
function tarNumber(buf, off, len) {
  if (buf[off] & 0x80) { // base-256
    let v = buf[off] & 0x7f; for (let i = 1; i < len; i++) v = v * 256 + buf[off + i]; return v;
  }
  const s = tarString(buf, off, len).trim(); return s ? parseInt(s, 8) : 0;
}
function parsePax(buf) {
  const out = {}; let i = 0; const s = buf.toString('utf8');
  while (i < s.length) {
    const sp = s.indexOf(' ', i); if (sp < 0) break;
    const n = parseInt(s.slice(i, sp), 10); if (!n) break;
    const rec = s.slice(sp + 1, i + n - 1); const eq = rec.indexOf('=');
    out[rec.slice(0, eq)] = rec.slice(eq + 1); i += n;
  }
  return out;
}

// Extracts the entries for which wanted(relPath) is true (relPath = path without the leading
// "package/" component) into destDir. Returns the list of extracted relative paths.
async function extractTgz(tgz, destDir, wanted) {
  const reader = new ByteReader(fs.createReadStream(tgz).pipe(zlib.createGunzip()));
  const extracted = []; let pax = null; let longName = null;
  for (;;) {
    await reader.fill(512);
    if (reader.len < 512) break;
    const h = await reader.read(512);
    if (h.every((b) => b === 0)) break;
    const size = tarNumber(h, 124, 12); const type = String.fromCharCode(h[156] || 48);
    const padded = Math.ceil(size / 512) * 512;
    if (type === 'x' || type === 'L') {
      const data = Buffer.from(await reader.read(size)); await reader.skip(padded - size);
      if (type === 'x') pax = parsePax(data); else longName = tarString(data, 0, data.length);
      continue;
    }
    let name = tarString(h, 0, 100);
    if (tarString(h, 257, 5) === 'ustar') { const prefix = tarString(h, 345, 155); if (prefix) name = `${prefix}/${name}`; }
    if (longName) name = longName; if (pax && pax.path) name = pax.path;
    pax = null; longName = null;
    const rel = name.split('/').slice(1).join('/');
    const safe = rel && !rel.split('/').includes('..') && !path.isAbsolute(rel);
    if ((type === '0' || type === '7') && safe && wanted(rel)) {
      const data = await reader.read(size); await reader.skip(padded - size);
      const target = path.join(destDir, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true }); fs.writeFileSync(target, data);
      extracted.push(rel);
    } else {
      await reader.skip(padded);
    }
  }
  return extracted;
}

// ---------------------------------------------------------------------------------------------
// jsii assembly

function loadAssembly(pkgDir) {
  const first = JSON.parse(fs.readFileSync(path.join(pkgDir, '.jsii'), 'utf8'));
  if (first.schema === 'jsii/file-redirect') {
    let raw = fs.readFileSync(path.join(pkgDir, first.filename));
    if (first.compression === 'gzip') raw = zlib.gunzipSync(raw);
    else if (first.compression) throw new Error(`unsupported jsii compression ${first.compression}`);
    return JSON.parse(raw.toString('utf8'));
  }
  return first;
}

const REGISTRY_LINK = /\{@link https:\/\/registry\.terraform\.io\/providers\/hashicorp\/aws\/([^/\s]+)\/docs\/(resources|data-sources)\/(\S+) (\S+)\}/;
const ARG_LINK = /\{@link https:\/\/registry\.terraform\.io\/\S+#(\S+) (\S+?)#(\S+?)\}/;

const snake = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);
const docsText = (d) => `${d?.summary ?? ''}\n${d?.remarks ?? ''}`;

// ---------------------------------------------------------------------------------------------
// compiled module (lib/<module>/index.js) facts: tfResourceType constants, HCL attribute
// tables, getter bodies and constructed complex fields. The code is cdktf-generated and very
// regular, so plain regular expressions are sufficient (every use is cross-checked).

const jsCache = new Map();
function jsModule(pkgDir, jsiiType) {
  const file = path.join(pkgDir, jsiiType.locationInModule.filename.replace(/^src\//, 'lib/').replace(/\.ts$/, '.js'));
  if (jsCache.has(file)) return jsCache.get(file);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  const mod = { file, constants: new Map(), hcl: new Map(), classes: new Map() };
  if (text) {
    for (const m of text.matchAll(/^(\w+)\.tfResourceType = "([^"]+)";$/gm)) mod.constants.set(m[1], m[2]);
    // class segments
    const starts = [...text.matchAll(/^class (\w+) extends [\w.]+ \{$/gm)];
    starts.forEach((m, i) => {
      const seg = text.slice(m.index, i + 1 < starts.length ? starts[i + 1].index : text.length);
      const getters = new Map();
      for (const g of seg.matchAll(/^ {4}get (\w+)\(\) \{\n([\s\S]*?)\n {4}\}$/gm)) getters.set(g[1], g[2]);
      const fields = new Map();
      for (const f of seg.matchAll(/this\._(\w+) = new [\w.]+\(this, "([^"]+)"/g)) fields.set(f[1], f[2]);
      const synth = /synthesizeHclAttributes\(\) \{\n\s*const attrs = \{\n([\s\S]*?)\n\s*\};\n/.exec(seg);
      mod.classes.set(m[1], { getters, fields });
      if (synth) mod.hcl.set(`class:${m[1]}`, parseHclAttrs(synth[1]));
    });
    for (const m of text.matchAll(/^function (\w+)ToHclTerraform\(struct\) \{\n(?:(?!\n\}\n)[\s\S])*?const attrs = \{\n([\s\S]*?)\n {4}\};\n/gm)) {
      mod.hcl.set(`fn:${m[1]}`, parseHclAttrs(m[2]));
    }
  }
  jsCache.set(file, mod);
  return mod;
}

function parseHclAttrs(body) {
  const out = new Map();
  const re = /^\s+("?)([^":\s]+)\1: \{\n\s+value: (.*),\n\s+isBlock: (true|false),\n\s+type: "(\w+)",\n\s+storageClassType: "(\w+)",\n\s+\}/gm;
  for (const m of body.matchAll(re)) {
    const prop = /(?:struct\.|this\._)(\w+)/.exec(m[3]);
    out.set(m[2], { jsName: prop ? prop[1] : null, isBlock: m[4] === 'true', type: m[5], storageClassType: m[6] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// derivation

const stats = {
  argNamesFromDocs: 0, argNamesFromJs: 0, argNamesSnakeFallback: 0,
  attrNamesFromConfig: 0, attrNamesFromJsGetter: 0, attrNamesSnakeFallback: 0,
  snakeWouldDiffer: 0, hclEntryMissing: 0, hclPrivateFieldRenamed: 0, blockDocsVsJsMismatch: [],
  opaqueBlocks: [], warnings: [],
};

class Deriver {
  constructor(asm, pkgDir) { this.asm = asm; this.T = asm.types; this.pkgDir = pkgDir; }

  // all properties of a struct, including those of same-assembly parent interfaces
  structProps(fqn, seen = new Set()) {
    if (seen.has(fqn)) return []; seen.add(fqn);
    const t = this.T[fqn]; if (!t) return [];
    const own = [...(t.properties ?? [])];
    for (const i of t.interfaces ?? []) if (this.T[i]) own.push(...this.structProps(i, seen));
    return own;
  }

  isStruct(ref) { return !!(ref?.fqn && this.T[ref.fqn]?.datatype); }

  // unwrap `IResolvable | X` unions
  unwrap(ref) {
    if (ref?.union) {
      const rest = ref.union.types.filter((t) => t.fqn !== 'cdktf.IResolvable');
      if (rest.length === 1) return this.unwrap(rest[0]);
    }
    return ref;
  }

  // -> {kind: 'struct'|'array'|'map', fqn} if the property refers to a struct
  structRef(ref) {
    const r = this.unwrap(ref);
    if (this.isStruct(r)) return { kind: 'struct', fqn: r.fqn };
    if (r?.collection) {
      const e = this.unwrap(r.collection.elementtype);
      if (this.isStruct(e)) return { kind: r.collection.kind === 'map' ? 'map' : 'array', fqn: e.fqn };
    }
    return null;
  }

  // Terraform type string of a non-block property
  tfType(ref, hclType) {
    const r = this.unwrap(ref);
    if (r.primitive) {
      return { string: 'string', number: 'number', boolean: 'bool', any: 'any', json: 'any', date: 'string' }[r.primitive] ?? r.primitive;
    }
    if (r.union) {
      const prims = r.union.types.map((t) => this.unwrap(t)).filter((t) => t.primitive);
      if (prims.length === 1) return this.tfType(prims[0]);
      return 'any';
    }
    if (r.collection) {
      const inner = this.tfType(r.collection.elementtype);
      if (r.collection.kind === 'map') return `map(${inner})`;
      return `${hclType === 'set' ? 'set' : 'list'}(${inner})`;
    }
    if (this.isStruct(r)) return this.objectType(r.fqn);
    return 'any';
  }

  objectType(fqn) {
    const js = jsModule(this.pkgDir, this.T[fqn]);
    const hcl = js.hcl.get(`fn:${lowerFirst(this.T[fqn].name)}`) ?? new Map();
    const fields = this.structProps(fqn).map((p) => {
      const name = this.argName(p, hcl);
      const t = this.tfType(p.type, hcl.get(name)?.type);
      return `${name}=${p.optional ? `optional(${t})` : t}`;
    }).sort();
    return `object({${fields.join(',')}})`;
  }

  argName(p, hcl) {
    const m = ARG_LINK.exec(docsText(p.docs));
    let name;
    if (m) { name = m[3]; stats.argNamesFromDocs++; }
    else {
      const hit = [...hcl].find(([, e]) => e.jsName === p.name);
      if (hit) { name = hit[0]; stats.argNamesFromJs++; }
      else { name = snake(p.name); stats.argNamesSnakeFallback++; }
    }
    if (snake(p.name) !== name) stats.snakeWouldDiffer++;
    return name;
  }

  isBlockProp(p, sref, hclEntry) {
    const s = (p.docs?.summary ?? '').trim();
    const docsSayBlock = /^\S+ block\.?$/.test(s);
    if (hclEntry && hclEntry.isBlock !== docsSayBlock) stats.blockDocsVsJsMismatch.push(`${p.name}: docs ${docsSayBlock} js ${hclEntry.isBlock}${sref ? "" : " (not a struct)"}`);
    return docsSayBlock;
  }

  // describe a config struct: {arguments, blocks}
  describeStruct(fqn, hcl, where) {
    const args = {}; const blocks = {}; const jsNames = new Map();
    for (const p of this.structProps(fqn)) {
      const name = this.argName(p, hcl);
      jsNames.set(p.name, name);
      const e = hcl.get(name);
      if (!e) stats.hclEntryMissing++;
      else if (e.jsName && e.jsName !== p.name) stats.hclPrivateFieldRenamed++; // e.g. fetchPasswordData stored as _getPasswordData
      const sref = this.structRef(p.type);
      if (this.isBlockProp(p, sref, e)) {
        if (!sref) {
          // cdktf gives up on some very deep schemas (wafv2 statement, quicksight definition)
          stats.opaqueBlocks.push(`${where}.${name}`);
          blocks[name] = { nesting: 'unknown', opaque: true, required: !p.optional, arguments: {}, blocks: {}, attributes: [] };
          continue;
        }
        if (sref.kind === 'map') stats.warnings.push(`${where}.${name}: map-nested block recorded as list`);
        const st = this.T[sref.fqn];
        const sub = this.describeStruct(sref.fqn, jsModule(this.pkgDir, st).hcl.get(`fn:${lowerFirst(st.name)}`) ?? new Map(), `${where}.${name}`);
        const outRef = this.T[`${sref.fqn}OutputReference`];
        blocks[name] = {
          nesting: sref.kind === 'struct' ? 'single' : 'list',
          required: !p.optional,
          arguments: sub.arguments,
          blocks: sub.blocks,
          attributes: outRef ? this.attributes(outRef, sub) : Object.keys(sub.arguments),
        };
      } else {
        args[name] = { type: this.tfType(p.type, e?.type), required: !p.optional };
      }
    }
    return { arguments: args, blocks, jsNames };
  }

  // readable attribute names of a class (resource/data source or <Struct>OutputReference)
  attributes(cls, described) {
    const js = jsModule(this.pkgDir, cls).classes.get(cls.name);
    const out = new Set();
    for (const p of cls.properties ?? []) {
      if (p.static) continue;
      let name = null;
      const body = js?.getters.get(p.name);
      if (body !== undefined) {
        const a = /(?:Attribute|interpolationForAttribute)\('([^']+)'\)/.exec(body);
        const f = /^\s*return this\._(\w+);$/.exec(body);
        if (a) name = a[1];
        else if (f && js.fields.has(f[1])) name = js.fields.get(f[1]);
        else continue; // `<x>Input` getter (returns the stored config value) or internal
        stats.attrNamesFromJsGetter++;
      } else {
        if (p.name.endsWith('Input')) continue;
        if (described.jsNames.has(p.name)) { name = described.jsNames.get(p.name); stats.attrNamesFromConfig++; }
        else { name = snake(p.name); stats.attrNamesSnakeFallback++; }
      }
      if (described.blocks[name]) continue; // nested blocks are described under "blocks"
      out.add(name);
    }
    return [...out].sort();
  }

  describeClass(cls) {
    const cfgParam = cls.initializer?.parameters?.find((p) => p.name === 'config');
    if (!cfgParam) throw new Error(`${cls.fqn}: no config parameter`);
    const hcl = jsModule(this.pkgDir, cls).hcl.get(`class:${cls.name}`) ?? new Map();
    const d = this.describeStruct(cfgParam.type.fqn, hcl, cls.name);
    return { arguments: d.arguments, blocks: d.blocks, attributes: this.attributes(cls, d) };
  }
}

// ---------------------------------------------------------------------------------------------
// --compare-terraform: diff the data file against `terraform providers schema -json` output
// (names, required flags, block nesting, attribute names and simplified types). Differences
// are printed one per line, "<type> <path>: <what>"; they are not necessarily errors (the
// reference provider may be a different version), see README.md for how they were classified.

function tfTypeString(t) {
  if (typeof t === 'string') return t === 'dynamic' ? 'any' : t;
  const [kind, inner] = t;
  if (kind === 'object') return 'object';
  return `${kind}(${tfTypeString(inner)})`;
}
function tfNestedTypeString(n) {
  const m = { single: 'object', list: 'list(object)', set: 'set(object)', map: 'map(object)' };
  return m[n.nesting_mode] ?? n.nesting_mode;
}
const simplifyOurType = (t) => t.replace(/object\(\{.*\}\)/, 'object');

function compareBlock(label, ours, tf, diffs) {
  const tfAttrs = tf.attributes ?? {}; const tfBlocks = tf.block_types ?? {};
  const tfArgs = Object.fromEntries(Object.entries(tfAttrs).filter(([, a]) => a.required || a.optional));
  for (const [n, a] of Object.entries(ours.arguments)) {
    const t = tfArgs[n];
    if (!t) { diffs.push(`${label}.${n}: argument only in ours${tfAttrs[n] ? ' (computed-only there)' : tfBlocks[n] ? ' (a block there)' : ''}`); continue; }
    if (!!t.required !== a.required) diffs.push(`${label}.${n}: required ours=${a.required} terraform=${!!t.required}`);
    const tt = t.type ? tfTypeString(t.type) : tfNestedTypeString(t.nested_type);
    if (simplifyOurType(a.type) !== tt) diffs.push(`${label}.${n}: type ours=${simplifyOurType(a.type)} terraform=${tt}`);
  }
  for (const n of Object.keys(tfArgs)) if (!ours.arguments[n]) diffs.push(`${label}.${n}: argument only in terraform${ours.blocks[n] ? ' (a block in ours)' : ''}`);
  for (const [n, b] of Object.entries(ours.blocks)) {
    const t = tfBlocks[n];
    if (!t) { diffs.push(`${label}.${n}: block only in ours${tfAttrs[n] ? ' (an attribute there)' : ''}`); continue; }
    const tfSingle = t.nesting_mode === 'single' || t.max_items === 1;
    if ((b.nesting === 'single') !== tfSingle) diffs.push(`${label}.${n}: nesting ours=${b.nesting} terraform=${t.nesting_mode}${t.max_items ? ` max ${t.max_items}` : ''}`);
    if (b.required !== (t.min_items ?? 0) > 0) diffs.push(`${label}.${n}: block required ours=${b.required} terraform min_items=${t.min_items ?? 0}`);
    compareBlock(`${label}.${n}`, b, t.block, diffs);
  }
  for (const n of Object.keys(tfBlocks)) if (!ours.blocks[n]) diffs.push(`${label}.${n}: block only in terraform${ours.arguments[n] ? ' (an argument in ours)' : ''}`);
  const oursAttrs = new Set(ours.attributes);
  for (const n of oursAttrs) if (!tfAttrs[n]) diffs.push(`${label}.${n}: attribute only in ours${tfBlocks[n] ? ' (a block there)' : ''}`);
  for (const n of Object.keys(tfAttrs)) if (!oursAttrs.has(n)) diffs.push(`${label}.${n}: attribute only in terraform`);
}

function compareWithTerraform(dataFile, schemaFile) {
  const data = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  const key = Object.keys(schema.provider_schemas ?? {}).find((k) => k.endsWith('/hashicorp/aws'));
  if (!key) fail(`${schemaFile}: no hashicorp/aws provider schema`);
  const ps = schema.provider_schemas[key];
  let total = 0;
  for (const [kind, ourMap, tfMap] of [['resource', data.resources, ps.resource_schemas], ['data', data.data_sources, ps.data_source_schemas]]) {
    for (const [type, ours] of Object.entries(ourMap)) {
      const label = kind === 'data' ? `data.${type}` : type;
      const tf = tfMap?.[type];
      if (!tf) { process.stdout.write(`${label}: type not in terraform schema\n`); total++; continue; }
      const diffs = [];
      compareBlock(label, ours, tf.block, diffs);
      for (const d of diffs) process.stdout.write(`${d}\n`);
      total += diffs.length;
    }
    const ourAll = new Set(kind === 'data' ? data.all_data_source_types : data.all_resource_types);
    const tfAll = Object.keys(tfMap ?? {});
    const onlyTf = tfAll.filter((t) => !ourAll.has(t)); const onlyOurs = [...ourAll].filter((t) => !(t in (tfMap ?? {})));
    process.stdout.write(`# all ${kind} types: ours ${ourAll.size}, terraform ${tfAll.length}; only in terraform: ${onlyTf.length ? onlyTf.join(' ') : '-'}; only in ours: ${onlyOurs.length}\n`);
  }
  process.stdout.write(`# ${total} differences for the described types\n`);
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

function levenshtein(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]; d[0] = i;
    for (let j = 1; j <= b.length; j++) { const t = d[j]; d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1)); prev = t; }
  }
  return d[b.length];
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.generate) await generate(opts);
  if (opts.compare) compareWithTerraform(opts.out, opts.compare);
}

async function generate(opts) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lcsynth-aws-schema-'));
  try {
    let tgz = opts.tarball; let integrity = null;
    if (!tgz) { const p = npmPack(tmp); tgz = p.file; integrity = p.integrity; }
    else integrity = `sha512-${createHash('sha512').update(fs.readFileSync(tgz)).digest('base64')}`;
    const pkgDir = path.join(tmp, 'package');
    const files = await extractTgz(tgz, pkgDir, (rel) => rel === 'package.json' || rel === '.jsii' || rel === '.jsii.gz' || (rel.startsWith('lib/') && rel.endsWith('.js')));
    process.stderr.write(`extracted ${files.length} files from ${path.basename(tgz)} (${integrity})\n`);

    const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    if (pkg.name !== PACKAGE || pkg.version !== PACKAGE_VERSION) fail(`tarball is ${pkg.name}@${pkg.version}, expected ${PACKAGE}@${PACKAGE_VERSION}`);
    const provVersion = pkg.cdktf?.provider?.version;
    if (provVersion !== PROVIDER_VERSION) fail(`package was generated from provider ${provVersion}, expected ${PROVIDER_VERSION}`);

    const asm = loadAssembly(pkgDir);
    if (asm.name !== PACKAGE || asm.version !== PACKAGE_VERSION) fail(`assembly is ${asm.name}@${asm.version}`);
    const deriver = new Deriver(asm, pkgDir);

    // enumerate resources / data sources
    const resources = new Map(); const dataSources = new Map();
    for (const t of Object.values(asm.types)) {
      const isRes = t.base === 'cdktf.TerraformResource'; const isData = t.base === 'cdktf.TerraformDataSource';
      if (t.kind !== 'class' || (!isRes && !isData)) continue;
      const m = REGISTRY_LINK.exec(t.docs?.summary ?? '') ?? REGISTRY_LINK.exec(t.initializer?.docs?.summary ?? '');
      if (!m) fail(`${t.fqn}: no registry link in docs`);
      if (m[1] !== PROVIDER_VERSION) fail(`${t.fqn}: docs link to provider ${m[1]}`);
      if ((m[2] === 'resources') !== isRes) fail(`${t.fqn}: docs kind ${m[2]} does not match base ${t.base}`);
      const constProp = (t.properties ?? []).find((p) => p.name === 'tfResourceType' && p.static && p.const);
      if (!constProp) fail(`${t.fqn}: no static const tfResourceType`);
      const jsConst = jsModule(pkgDir, t).constants.get(t.name);
      if (jsConst !== m[4]) fail(`${t.fqn}: docs name ${m[4]} != compiled tfResourceType ${jsConst}`);
      const map = isRes ? resources : dataSources;
      if (map.has(m[4])) fail(`duplicate type ${m[4]}`);
      map.set(m[4], t);
    }
    process.stderr.write(`${resources.size} resources, ${dataSources.size} data sources; type names from jsii docs links, all equal to the compiled tfResourceType constants\n`);

    // requested types
    let wantRes = DEFAULT_RESOURCES; let wantData = DEFAULT_DATA_SOURCES;
    if (opts.types && opts.types.length === 1 && opts.types[0] === 'all') {
      wantRes = [...resources.keys()].sort(); wantData = [...dataSources.keys()].sort();
    } else if (opts.types) {
      wantRes = opts.types.filter((s) => !s.startsWith('data.'));
      wantData = opts.types.filter((s) => s.startsWith('data.')).map((s) => s.slice(5));
    }
    const unknown = [];
    const check = (names, map, prefix) => {
      for (const n of names) {
        if (map.has(n)) continue;
        const best = [...map.keys()].map((k) => [levenshtein(n, k), k]).sort((a, b) => a[0] - b[0]).slice(0, 3).map((x) => prefix + x[1]);
        unknown.push(`${prefix}${n} (did you mean ${best.join(', ')}?)`);
      }
    };
    check(wantRes, resources, ''); check(wantData, dataSources, 'data.');
    if (unknown.length) fail(`unknown type(s): ${unknown.join('; ')}`);

    if (opts.checkAll) {
      for (const t of [...resources.values(), ...dataSources.values()]) deriver.describeClass(t);
      process.stderr.write(`--check-all over all ${resources.size + dataSources.size} types: ${JSON.stringify(summary(), null, 1)}\n`);
      for (const k of Object.keys(stats)) if (typeof stats[k] === 'number') stats[k] = 0; else stats[k] = [];
    }

    const out = {
      provenance: `npm ${PACKAGE}@${PACKAGE_VERSION} (${PROVIDER_SOURCE} ${PROVIDER_VERSION}) jsii assembly (tarball ${integrity}; list/set and computed-attribute names from its compiled lib/*/index.js), generated by ${SCRIPT_REL} on ${new Date().toISOString().slice(0, 10)}`,
      provider: { source: PROVIDER_SOURCE, version: PROVIDER_VERSION },
      all_resource_types: [...resources.keys()].sort(),
      all_data_source_types: [...dataSources.keys()].sort(),
      resources: Object.fromEntries(wantRes.map((n) => [n, deriver.describeClass(resources.get(n))])),
      data_sources: Object.fromEntries(wantData.map((n) => [n, deriver.describeClass(dataSources.get(n))])),
    };
    const text = `${JSON.stringify(sortKeys(out), null, 2)}\n`;
    fs.mkdirSync(path.dirname(opts.out), { recursive: true });
    fs.writeFileSync(opts.out, text);
    process.stderr.write(`requested types: ${JSON.stringify(summary(), null, 1)}\n`);
    process.stderr.write(`wrote ${opts.out}: ${text.length} bytes, ${wantRes.length} resources + ${wantData.length} data sources described\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function tally(list) {
  const t = {}; for (const x of list) t[x] = (t[x] ?? 0) + 1; return list.length ? t : 0;
}

function summary() {
  return {
    ...stats,
    blockDocsVsJsMismatch: tally(stats.blockDocsVsJsMismatch.map((s) => s.replace(/^\S+ /, ''))),
    opaqueBlocks: stats.opaqueBlocks.length ? stats.opaqueBlocks : 0,
    warnings: stats.warnings.length ? stats.warnings : 0,
  };
}

main().catch((e) => {
  process.stderr.write(`generate_aws_schema: ${e instanceof Failure ? e.message : e.stack || String(e)}\n`);
  process.exitCode = 1;
});
