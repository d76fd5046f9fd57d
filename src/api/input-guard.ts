import type { FastifyRequest } from 'fastify';
import { AppError, type ProblemDetail } from '../domain/app-error.js';
import { TEXT_FAULT_MESSAGES, textFault, type TextFault } from '../domain/text.js';

/** At most this many offending fields are listed in one answer (a large body could hold thousands). */
const MAX_LISTED = 20;

export interface FaultyField {
  field: string;
  fault: TextFault;
}

/** How a field name is shown: control characters and surrogates are written as `\uXXXX`. */
function shown(name: string): string {
  return [...name]
    .map((c) => {
      const code = c.charCodeAt(0);
      const hidden = code < 0x20 || (code >= 0xd800 && code <= 0xdfff && c.length === 1);
      return hidden ? `\\u${code.toString(16).padStart(4, '0')}` : c;
    })
    .join('');
}

/**
 * The fields of a decoded request part (path parameters, query string, parsed JSON body) whose text cannot be
 * stored (textFault: a NUL character or a lone surrogate), named as validation errors name them: `params.code`,
 * `querystring.unit`, `body.grants.0.unit`. Object keys count too. Raw bodies (uploads, Buffers) are not looked
 * into: the importer checks their cells.
 */
export function faultyFields(value: unknown, prefix: string, found: FaultyField[] = []): FaultyField[] {
  if (found.length >= MAX_LISTED) return found;
  if (typeof value === 'string') {
    const fault = textFault(value);
    if (fault) found.push({ field: prefix, fault });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => faultyFields(item, `${prefix}.${i}`, found));
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const field = `${prefix}.${shown(key)}`;
      const fault = textFault(key);
      if (fault) found.push({ field, fault });
      else faultyFields(item, field, found);
    }
  }
  return found;
}

/**
 * Refuses a request whose path parameters, query string or JSON body hold a NUL character or a lone surrogate:
 * PostgreSQL cannot store text holding a NUL (it answers "invalid byte sequence", which surfaced as a 500), a lone
 * surrogate is not Unicode (the driver would silently store U+FFFD instead, and the audit log's JSON refuses it).
 * Answers 400 naming every such field; runs on every route, before the schemas validate the request.
 */
export function assertWellFormedText(request: FastifyRequest): void {
  const found = faultyFields(request.params, 'params');
  faultyFields(request.query, 'querystring', found);
  faultyFields(request.body, 'body', found);
  if (found.length === 0) return;
  const listed = found.slice(0, MAX_LISTED);
  const details: ProblemDetail[] = listed.map(({ field, fault }) => ({
    field,
    message_vi: `Trường «${field}» ${TEXT_FAULT_MESSAGES[fault].vi}, ký tự này không được phép.`,
    message_en: `Field «${field}» ${TEXT_FAULT_MESSAGES[fault].en}, which is not allowed.`,
  }));
  const fields = listed.map((f) => f.field).join(', ');
  throw new AppError(
    'badInput',
    {
      vi: `Yêu cầu chứa ký tự không được phép (NUL U+0000 hoặc nửa cặp thay thế UTF-16 đơn lẻ) trong ${fields}; hãy bỏ ký tự đó.`,
      en: `The request contains a character that is not allowed (NUL U+0000 or a lone UTF-16 surrogate) in ${fields}; remove it.`,
    },
    details,
  );
}
