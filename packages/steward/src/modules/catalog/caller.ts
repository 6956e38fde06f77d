// The signed-in caller of a catalog route whose access is not public (the access hook has checked).
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/principal.ts';
import { unauthorised } from '../../platform/errors.ts';

export function callerOf(request: FastifyRequest): Principal {
  if (!request.principal)
    throw unauthorised('this call needs a signed-in user or `Authorization: Bearer <token>`');
  return request.principal;
}
