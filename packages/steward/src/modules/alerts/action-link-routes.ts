// The signed links of notifications: GET shows what the link would do and a button; the POST that
// button makes takes the step. Public routes: the signature is the credential.

import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/route-types.ts';
import { type LinkAction, type LinkSigner, linkPath, stepOf } from './action-links.ts';
import { type AlertServiceContext, getAlert, stepAlert } from './alert-service.ts';

const params = z.strictObject({ id: z.string().min(1).max(64), action: z.enum(['acknowledge', 'resolve']) });
const query = z.object({
  person: z.string().max(255).default(''),
  expires: z.string().max(20).default(''),
  sig: z.string().max(100).default(''),
});

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    );
}

/** `user:default/alice` → alice: the audit log names people by handle. */
const handleOf = (person: string) => (person ? (person.split('/').pop() ?? person) : 'system:signed-link');

export function actionLinkRoutes(ctx: AlertServiceContext, signer: LinkSigner) {
  return (app: TypedApp) => {
    // The confirmation form posts without a JSON body.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, _b, done) =>
      done(null, {}),
    );
    const check = async (id: string, action: LinkAction, q: z.infer<typeof query>) =>
      signer.verify({ alertId: id, action, person: q.person, expires: q.expires, sig: q.sig });

    app.get(
      '/api/v1/alert-links/:id/:action',
      {
        config: { access: 'public' },
        schema: {
          tags: ['alerts'],
          summary: 'A signed link: asks to confirm',
          security: [],
          params,
          querystring: query,
          hide: true,
        },
      },
      async (request, reply) => {
        const { id, action } = request.params;
        const verdict = await check(id, action, request.query);
        if (!verdict.ok)
          return page(reply, 403, 'This link does not work', `<p>${escapeHtml(verdict.reason)}</p>`);
        const alert = await getAlert(ctx, id);
        const target = `${linkPath(id, action)}?${new URLSearchParams(request.query)}`;
        return page(
          reply,
          200,
          `${action === 'acknowledge' ? 'Acknowledge' : 'Resolve'} this alert?`,
          `<p>${escapeHtml(alert.summary)} (${escapeHtml(alert.status)})</p><form method="post" action="${escapeHtml(target)}"><button type="submit">${action === 'acknowledge' ? 'Acknowledge' : 'Resolve'}</button></form>`,
        );
      },
    );

    app.post(
      '/api/v1/alert-links/:id/:action',
      {
        config: { access: 'public' },
        schema: {
          tags: ['alerts'],
          summary: 'A signed link: takes the step',
          security: [],
          params,
          querystring: query,
          hide: true,
        },
      },
      async (request, reply) => {
        const { id, action } = request.params;
        const verdict = await check(id, action, request.query);
        if (!verdict.ok)
          return page(reply, 403, 'This link does not work', `<p>${escapeHtml(verdict.reason)}</p>`);
        const alert = await stepAlert(ctx, id, stepOf[action], {
          handle: handleOf(verdict.person),
          how: 'via a signed link',
        });
        return page(reply, 200, `The alert is ${alert.status}`, `<p>${escapeHtml(alert.summary)}</p>`);
      },
    );
  };
}
