import { Router } from 'express';
import { actorOf } from '../audit/actor.js';
import { principalOf, type RequireRole } from '../auth/require-role.js';
import { ProblemError } from '../http/problem.js';
import { AUTH_PROBLEMS, BEARER_AUTH, jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';
import { parseRequest } from '../http/validate.js';
import { lookupRecipients, type LookupOptions } from '../recipients/lookup.js';
import { LookupRequestSchema, LookupResponseSchema } from '../recipients/schema.js';

export const RECIPIENTS_PREFIX = '/v1/recipients';

export interface RecipientRouteDeps {
  readonly requireRole: RequireRole;
  /** Most recipients per call (config `lookup.maxRecipients`). */
  readonly maxRecipients: number;
  /** Read per request, so a policy change applies to the next lookup. */
  lookupOptions(): LookupOptions;
}

export function recipientRoutes(deps: RecipientRouteDeps): RouteModule {
  const router = Router();
  router.post('/lookup', deps.requireRole('user', 'admin'), async (req, res) => {
    const request = parseRequest(LookupRequestSchema, req.body, 'body');
    if (request.recipients.length > deps.maxRecipients) {
      throw new ProblemError('too_many_recipients', 400, 'Too many recipients in one lookup', `At most ${deps.maxRecipients} per call.`);
    }
    const principal = principalOf(res);
    const me = actorOf(principal);
    // Someone else's history is theirs: only admins may look up on behalf of another sender.
    const sender = request.sender ?? me;
    if (sender.toLowerCase() !== me && !principal.roles.includes('admin')) {
      throw new ProblemError('sender_mismatch', 403, 'You can only look up recipients for your own sends');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(await lookupRecipients(request, sender, deps.lookupOptions()));
  });
  return { prefix: RECIPIENTS_PREFIX, router, routes: recipientRouteDocs(deps.maxRecipients) };
}

function recipientRouteDocs(maxRecipients: number): RouteDoc[] {
  return [
    {
      method: 'post',
      path: '/lookup',
      operation: {
        operationId: 'lookupRecipients',
        tags: ['recipients'],
        summary: 'What protection each recipient can receive, and whether each is the right recipient',
        description:
          `Up to ${maxRecipients} recipients. Per recipient: classification, OpenPGP key (registry or Web Key Directory), ` +
          'S/MIME certificate on file, the domain\'s transport security (MTA-STS, DANE, STARTTLS), consent on file, ' +
          'verification warnings (lookalike domain, first-time external recipient, display name, free-mail address with an ' +
          'organisation\'s name, revoked consent), the recipient as input for decide, and what the policy recommends. ' +
          'Anything not known within the deadline is `unknown`; the call itself does not fail for a slow domain.',
        security: BEARER_AUTH,
        requestBody: { required: true, content: jsonContent(LookupRequestSchema) },
        responses: {
          '200': { description: 'One answer per distinct address, in request order', content: jsonContent(LookupResponseSchema) },
          '400': problemResponse('The request is not valid, or lists too many recipients (too_many_recipients)'),
          '403': problemResponse('A sender other than the signed-in user, without the admin role (sender_mismatch)'),
          ...AUTH_PROBLEMS,
        },
      },
    },
  ];
}
