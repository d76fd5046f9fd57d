import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GivenAnswer } from '../app/evaluation/answer-cache.js';

/** Whether an If-None-Match header names this entity tag (weak comparison, as for GET; `*` matches any). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || opaque(tag) === opaque(etag);
  });
}

/**
 * Sends an evaluation answer (docs/evaluation.md, "Cached answers"): its ETag, `Cache-Control: private, no-cache`
 * (a browser keeps it and asks again each time), `X-Answer-Cache: hit|miss`; 304 without a body when the request's
 * If-None-Match names the ETag. Called once the reader is authorized: the answer is never sent before that.
 */
export function sendAnswer(request: FastifyRequest, reply: FastifyReply, answer: GivenAnswer): FastifyReply {
  reply.header('etag', answer.etag);
  reply.header('cache-control', 'private, no-cache');
  reply.header('vary', 'authorization, cookie');
  reply.header('x-answer-cache', answer.hit ? 'hit' : 'miss');
  if (etagMatches(request.headers['if-none-match'], answer.etag)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(answer.body);
}
