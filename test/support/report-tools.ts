import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The command-line tools the report format tests drive when the machine has them (CI installs them: .ci/run):
// LibreOffice to open a DOCX and convert it to PDF, poppler's pdftotext to read a PDF's text back.

/** The path of a command on PATH, or undefined. */
export function which(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const out = found.stdout.trim();
  return found.status === 0 && out !== '' ? out : undefined;
}

/** Why a test needing `commands` cannot run here (the missing ones and the package to install), or undefined. */
export function missingTools(commands: Record<string, string>): string | undefined {
  const missing = Object.entries(commands).filter(([command]) => which(command) === undefined);
  if (missing.length === 0) return undefined;
  return `skipped: ${missing.map(([c, pkg]) => `${c} (apt-get install ${pkg})`).join(', ')} not installed`;
}

/** Converts a DOCX to PDF with LibreOffice in a private profile; returns the PDF's path. */
export function docxToPdf(docx: string, outDir: string, profileDir: string): string {
  const result = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profileDir}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      docx,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const pdf = path.join(outDir, `${path.basename(docx, '.docx')}.pdf`);
  if (!existsSync(pdf)) throw new Error(`soffice did not convert ${docx}: ${result.stderr}${result.stdout}`);
  return pdf;
}

/** The text of a PDF (or one of its pages) as pdftotext reads it (UTF-8), spaces and line breaks collapsed to one space. */
export function pdfText(pdf: string, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const result = spawnSync('pdftotext', [...pages, '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed on ${pdf}: ${result.stderr}`);
  return result.stdout.replace(/\s+/g, ' ');
}

/** The number of pages of a PDF (its /Type /Page objects). */
export function pdfPageCount(pdf: string): number {
  return (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}
