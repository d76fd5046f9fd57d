#!/usr/bin/env node
// Compares the official units read from the registry packages (src/io/official-units.ts, compiled to dist/)
// with reference lists of the same units in DATA_DIR (vn-provinces-2025.csv, vn-communes-2025.csv,
// vn-units-pre2025.csv, vn-commune-mapping-2025.csv; never part of the repository).
// Development aid only: no test runs it. Usage: `npm run build && node scripts/compare-official-units.mjs DATA_DIR`.
import console from 'node:console';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
if (!process.argv[2]) {
  console.log(
    'Cách dùng: node scripts/compare-official-units.mjs THƯ_MỤC_DỮ_LIỆU / Usage: node scripts/compare-official-units.mjs DATA_DIR',
  );
  process.exit(2);
}
const dataDir = path.resolve(process.argv[2]);
const modulePath = path.join(here, '..', 'dist', 'io', 'official-units.js');
const files = {
  provinces2025: 'vn-provinces-2025.csv',
  communes2025: 'vn-communes-2025.csv',
  unitsPre2025: 'vn-units-pre2025.csv',
  mapping2025: 'vn-commune-mapping-2025.csv',
};

if (!Object.values(files).every((f) => existsSync(path.join(dataDir, f)))) {
  console.log(
    `Bỏ qua: không có dữ liệu tham chiếu ở ${dataDir}. / Skipped: no reference data in ${dataDir}.`,
  );
  process.exit(0);
}
if (!existsSync(modulePath)) {
  console.log('Bỏ qua: chưa biên dịch, chạy `npm run build`. / Skipped: not built, run `npm run build`.');
  process.exit(0);
}

const { readOfficialUnits } = await import(pathToFileURL(modulePath).href);
const { foldVietnamese, stripUnitPrefix } = await import(
  pathToFileURL(path.join(here, '..', 'dist', 'domain', 'text.js')).href
);

/** Parses a UTF-8 CSV with a header row into objects (quotes and doubled quotes handled). */
function readCsv(file) {
  const text = readFileSync(path.join(dataDir, file), 'utf8').replace(/^\uFEFF/u, '');
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  const [header = [], ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

const SUBTYPE_OF_REFERENCE_TYPE = { 'thanh-pho-truc-thuoc-trung-uong': 'thanh-pho' };
const refSubtype = (type) => SUBTYPE_OF_REFERENCE_TYPE[type] ?? type;
const EXAMPLES = Number(process.env.EXAMPLES ?? 8);
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

function section(title) {
  console.log(`\n## ${title}`);
}

function list(label, items) {
  console.log(`${label}: ${items.length}`);
  for (const item of items.slice(0, EXAMPLES)) console.log(`  - ${item}`);
  if (items.length > EXAMPLES) console.log(`  … and ${items.length - EXAMPLES} more`);
}

/** Classifies how two full official names differ. */
function nameDifference(pkgName, refName) {
  if (pkgName === refName) return null;
  const a = stripUnitPrefix(pkgName);
  const b = stripUnitPrefix(refName);
  if (a.prefix !== b.prefix) return 'prefix (unit type) differs';
  if (a.bareName.toLowerCase() === b.bareName.toLowerCase()) return 'letter case only';
  const plainQuotes = (x) => x.replace(/[\u2018\u2019\u02bc]/gu, "'");
  if (plainQuotes(a.bareName) === plainQuotes(b.bareName)) return "apostrophe style (’ or ') only";
  const marks = (x) => {
    const d = x.normalize('NFD');
    return `${d.replace(TONE_MARKS, '')}|${[...d.matchAll(TONE_MARKS)]
      .map((m) => m[0])
      .sort()
      .join('')}`;
  };
  if (marks(a.bareName) === marks(b.bareName)) return 'tone-mark placement only (Hoà/Hòa, Thuỷ/Thủy)';
  if (foldVietnamese(a.bareName) === foldVietnamese(b.bareName)) return 'other diacritics';
  if (
    foldVietnamese(a.bareName).replace(/[\s'-]/gu, '') === foldVietnamese(b.bareName).replace(/[\s'-]/gu, '')
  ) {
    return 'spacing, hyphen or apostrophe';
  }
  return 'different name';
}

/** Compares package units and reference units of one level. */
function compareLevel(label, pkgUnits, refUnits) {
  section(label);
  console.log(`count: package ${pkgUnits.length}, reference ${refUnits.length}`);
  const pkgBy = new Map(pkgUnits.map((u) => [u.code, u]));
  const refBy = new Map(refUnits.map((u) => [u.code, u]));
  list(
    'codes only in the package',
    pkgUnits.filter((u) => !refBy.has(u.code)).map((u) => `${u.code} ${u.name} (parent ${u.parentCode})`),
  );
  list(
    'codes only in the reference',
    refUnits.filter((u) => !pkgBy.has(u.code)).map((u) => `${u.code} ${u.name} (parent ${u.parentCode})`),
  );
  const byKind = new Map();
  const typeDiffs = [];
  const parentDiffs = [];
  for (const ref of refUnits) {
    const pkg = pkgBy.get(ref.code);
    if (pkg === undefined) continue;
    const kind = nameDifference(pkg.name, ref.name);
    if (kind !== null) {
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind).push(`${ref.code}: package "${pkg.name}" / reference "${ref.name}"`);
    }
    if (pkg.subtype !== ref.subtype)
      typeDiffs.push(`${ref.code} ${ref.name}: package ${pkg.subtype}, reference ${ref.subtype}`);
    if ((pkg.parentCode ?? '') !== (ref.parentCode ?? '')) {
      parentDiffs.push(
        `${ref.code} ${ref.name}: package parent ${pkg.parentCode}, reference parent ${ref.parentCode}`,
      );
    }
  }
  const nameDiffCount = [...byKind.values()].reduce((n, items) => n + items.length, 0);
  console.log(`names differing (same code): ${nameDiffCount}`);
  for (const [kind, items] of byKind) list(`  ${kind}`, items);
  list('type (subtype) differs', typeDiffs);
  list('parent differs', parentDiffs);
}

const pkg2025 = await readOfficialUnits('2025');
const pkgPre = await readOfficialUnits('pre2025');

const refProvinces2025 = readCsv(files.provinces2025).map((r) => ({
  code: r.code,
  name: r.full_name,
  subtype: refSubtype(r.type),
  parentCode: null,
}));
const refCommunes2025 = readCsv(files.communes2025).map((r) => ({
  code: r.code,
  name: r.full_name,
  subtype: refSubtype(r.type),
  parentCode: r.province_code,
}));
const refPre = readCsv(files.unitsPre2025).map((r) => ({
  level: r.level,
  code: r.code,
  name: r.full_name,
  subtype: refSubtype(r.type),
  parentCode: r.parent_code === '' ? null : r.parent_code,
}));
const refMapping = readCsv(files.mapping2025);

console.log(`# Official units: packages vs reference lists in ${dataDir}`);
console.log(`2025 from ${pkg2025.source}; pre2025 from ${pkgPre.source}`);

const at = (units, level) => units.filter((u) => u.level === level);
compareLevel('2025 provinces', at(pkg2025.units, 'province'), refProvinces2025);
compareLevel('2025 communes', at(pkg2025.units, 'commune'), refCommunes2025);
for (const level of ['province', 'district', 'commune']) {
  compareLevel(
    `pre2025 ${level}s`,
    at(pkgPre.units, level),
    refPre.filter((u) => u.level === level),
  );
}

section('2025 commune subtypes');
for (const [label, units] of [
  ['package', at(pkg2025.units, 'commune')],
  ['reference', refCommunes2025],
]) {
  const counts = {};
  for (const u of units) counts[u.subtype] = (counts[u.subtype] ?? 0) + 1;
  console.log(`${label}: ${JSON.stringify(counts)}`);
}

section('2025 mapping (old commune → new commune)');
const pkgMap = new Map((pkg2025.mapping ?? []).map((m) => [m.oldCode, m.newCode]));
const refMap = new Map(refMapping.map((m) => [m.old_code, m.new_code]));
console.log(`rows: package ${pkgMap.size}, reference ${refMap.size}`);
list(
  'old codes only in the package',
  [...pkgMap].filter(([o]) => !refMap.has(o)).map(([o, n]) => `${o} → ${n}`),
);
list(
  'old codes only in the reference',
  [...refMap].filter(([o]) => !pkgMap.has(o)).map(([o, n]) => `${o} → ${n}`),
);
list(
  'same old code, different new code',
  [...refMap]
    .filter(([o, n]) => pkgMap.has(o) && pkgMap.get(o) !== n)
    .map(([o, n]) => `${o}: package → ${pkgMap.get(o)}, reference → ${n}`),
);
const preCommunes = new Set(at(pkgPre.units, 'commune').map((u) => u.code));
const refPreCommunes = new Set(refPre.filter((u) => u.level === 'commune').map((u) => u.code));
list(
  'package mapping old codes missing from the package pre2025 communes',
  [...pkgMap.keys()].filter((o) => !preCommunes.has(o)),
);
list(
  'reference mapping old codes missing from the reference pre2025 communes',
  [...refMap.keys()].filter((o) => !refPreCommunes.has(o)),
);
const new2025 = new Set(at(pkg2025.units, 'commune').map((u) => u.code));
const mappedTo = new Set(pkgMap.values());
list(
  '2025 communes no package mapping row points to',
  [...new2025]
    .filter((c) => !mappedTo.has(c))
    .map((c) => `${c} ${pkg2025.units.find((u) => u.code === c)?.name}`),
);

section('Known doubts');
const show = (label, units, codes) => {
  for (const code of codes) {
    const u = units.find((x) => x.code === code);
    console.log(`${label} ${code}: ${u === undefined ? '(absent)' : `${u.name} (parent ${u.parentCode})`}`);
  }
};
for (const codes of [
  ['06970', '06978'],
  ['23737', '23938'],
]) {
  show('package 2025', pkg2025.units, codes);
  show('reference 2025', refCommunes2025, codes);
  show('package pre2025', pkgPre.units, codes);
  show('reference pre2025', refPre, codes);
  for (const code of codes) {
    console.log(
      `mapping ${code}: package → ${pkgMap.get(code) ?? '(none)'}, reference → ${refMap.get(code) ?? '(none)'}; ` +
        `old codes mapped to it: package [${[...pkgMap]
          .filter(([, n]) => n === code)
          .map(([o]) => o)
          .join(' ')}], ` +
        `reference [${[...refMap]
          .filter(([, n]) => n === code)
          .map(([o]) => o)
          .join(' ')}]`,
    );
  }
}
show('package 2025', pkg2025.units, ['75']);
show('reference 2025', refProvinces2025, ['75']);
show('package pre2025', pkgPre.units, ['46']);
show('reference pre2025', refPre, ['46']);
