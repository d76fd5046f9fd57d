import type { ReportBlock, ReportDocument, ReportSection } from '../../domain/report-document.js';

/** Every block of the report in reading order: the opening, then each section's blocks before its subsections. */
export function allBlocks(doc: ReportDocument): ReportBlock[] {
  const found: ReportBlock[] = [...doc.opening];
  const visit = (section: ReportSection) => {
    found.push(...section.blocks);
    section.sections.forEach(visit);
  };
  doc.sections.forEach(visit);
  return found;
}
