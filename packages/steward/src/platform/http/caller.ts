// The signed-in caller of a route whose access is not public (the access hook has already checked).
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.ts';
import { unauthorised } from '../errors.ts';

export function callerOf(request: FastifyRequest): Principal {
  if (!request.principal)
    throw unauthorised('this call needs a signed-in user or `Authorization: Bearer <token>`');
  return request.principal;
}
