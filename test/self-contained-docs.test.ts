import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The repository stands alone: its README and docs/ explain every rule, and nothing in the code, the help texts,
// the data or the docs points to a page users never have. The names are assembled here so that this file does not
// mention them itself.
const root = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['src', 'web', 'docs', 'bench', 'data', 'test', 'scripts', 'bin', '.ci'];
const SKIPPED = new Set(['node_modules', 'dist', '.tmp', join('bench', 'out')]);
const OUTSIDE_PAGES = ['DOMAIN', 'INTERFACES', 'DESIGN', 'STYLE', 'SEED-FACTS'].map((name) => `${name}.md`);
const OUTSIDE_FOLDER = ['shared', '/'].join('');
/** A section cited by the outside page's bare name and a section sign, rather than by docs/domain.md. */
const BARE_CITATION = new RegExp(['DOMAIN', '\\s*§'].join(''));

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (SKIPPED.has(entry.name) || SKIPPED.has(path)) continue;
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

const files = [...FOLDERS.flatMap(filesUnder), 'README.md'];
const text = (path: string): string => readFileSync(join(root, path), 'utf8');

/** Every section number cited as "docs/domain.md §N", including ranges and lists such as "§2–§5, §7". */
function citedSections(content: string): number[] {
  const sections: number[] = [];
  for (const citation of content.matchAll(/docs\/domain\.md((?:[\s,–-]*§\d+)+)/g)) {
    const numbers = [...(citation[1] ?? '').matchAll(/§(\d+)/g)].map((m) => Number(m[1]));
    sections.push(...numbers);
    // A range "§2–§5" cites the sections between its ends too.
    for (const range of (citation[1] ?? '').matchAll(/§(\d+)\s*[–-]\s*§(\d+)/g)) {
      for (let n = Number(range[1]) + 1; n < Number(range[2]); n++) sections.push(n);
    }
  }
  return sections;
}

describe('the repository is self-contained', () => {
  it('finds files to check', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(join('docs', 'domain.md'));
  });

  it('no file in src, docs, bench, data, test or the README points to a page outside the repository', () => {
    const offending = files.filter((path) => {
      const content = text(path);
      return (
        OUTSIDE_PAGES.some((page) => content.includes(page)) ||
        content.includes(OUTSIDE_FOLDER) ||
        BARE_CITATION.test(content)
      );
    });
    expect(offending, `these files mention ${OUTSIDE_PAGES.join(', ')} or ${OUTSIDE_FOLDER}`).toEqual([]);
  });

  it('every "docs/domain.md §N" cited exists as a section heading of docs/domain.md', () => {
    const headings = new Set(
      [...text(join('docs', 'domain.md')).matchAll(/^## §(\d+)\. /gm)].map((m) => Number(m[1])),
    );
    expect(headings.size).toBeGreaterThanOrEqual(10);
    const missing = files.flatMap((path) =>
      citedSections(text(path))
        .filter((n) => !headings.has(n))
        .map((n) => `${relative('.', path)}: §${n}`),
    );
    expect(missing).toEqual([]);
  });
});
