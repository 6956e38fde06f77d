// The one place errors become HTTP answers: RFC 9457 problem+json, never a 500 for the client's mistake.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { describeDatabaseError, isDatabaseUnreachable } from '../db/connection-errors.ts';
import { type FieldProblem, type Problem, problemFor, problemWithStatus, StewardError } from '../errors.ts';
import type { Logger } from '../logging.ts';

export function sendProblem(
  reply: FastifyReply,
  status: number,
  title: string,
  detail: string,
  extra?: object,
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ ...problemWithStatus(status, title, detail), ...extra });
}

export function problemHandler(logger: Logger) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const problem = toProblem(error);
    problem.instance = publicPath(request);
    if (problem.status >= 500) logger.error({ err: error, url: problem.instance }, 'request failed');
    const retryAfter = error instanceof StewardError ? error.retryAfterSeconds : undefined;
    if (problem.status === 503 || problem.status === 429)
      reply.header('retry-after', String(retryAfter ?? 5));
    return reply.code(problem.status).type('application/problem+json').send(problem);
  };
}

/** The request's path as answers and logs may show it: no query, no credential. */
export function publicPath(request: FastifyRequest): string {
  if (request.routeOptions.config?.credentialInPath) return request.routeOptions.url ?? '';
  return request.url.split('?')[0] ?? '';
}

function toProblem(error: FastifyError): Problem {
  if (error instanceof StewardError)
    return { ...error.extra, ...problemFor(error.kind, error.message, error.problems) };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    // fastify-type-provider-zod 7 spreads the zod issue into params (minus path, code and message).
    const problems: FieldProblem[] = error.validation.map((v) =>
      describeIssue(where, {
        ...(v.params as ZodIssueLike),
        code: v.keyword,
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message,
      }),
    );
    return problemFor('invalid', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problemWithStatus(413, 'Body too large', `${error.message}; send a smaller request body`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problemWithStatus(415, 'Unsupported media type', `${error.message}; send application/json`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problemFor(
        'invalid',
        'the body is empty but declared as JSON; send a JSON document or drop the content-type',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problemFor('invalid', error.message);
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return problemFor('invalid', `the body is not valid JSON: ${error.message}`);
  }
  if (isDatabaseUnreachable(error)) {
    return problemFor(
      'unavailable',
      `the database cannot be reached just now (${describeDatabaseError(error)}); Steward reconnects on its own: try again in a few seconds`,
    );
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return problemWithStatus(status, error.name || 'Bad request', error.message);
  return problemWithStatus(
    500,
    'Internal error',
    'Steward failed to answer this request; the server log has the details',
  );
}

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  keys?: string[];
}

function describeIssue(where: string, issue: ZodIssueLike): FieldProblem {
  const path = [where, ...(issue.path ?? []).map(String)].join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
    return {
      field: path,
      message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}; remove ${issue.keys.length > 1 ? 'them' : 'it'}`,
    };
  }
  return { field: path, message: issue.message ?? 'is invalid' };
}
