/** Team mode's members API (admins only, enforced by ../auth/access.ts): who may do what, and signing people out. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MemberAccess, MemberList } from '../../../contract/access.ts';
import { ApiError } from '../../errors.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import { normaliseEmail, type MembersRepository } from './members.repository.ts';

const EmailParams = Type.Object({
  email: Type.String({
    minLength: 3,
    maxLength: 254,
    pattern: '^[^@\\s/\\\\%\\u0000-\\u001f]+@[^@\\s/\\\\%\\u0000-\\u001f]+$',
  }),
});

export function registerMemberRoutes(app: FastifyInstance, members: MembersRepository, sessions: SessionsRepository) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/members',
    { schema: { summary: 'Members and what each may do', tags: ['members'], response: { 200: MemberList } } },
    async () => ({
      members: await members.list(),
    }),
  );

  api.put(
    '/api/members/:email',
    {
      schema: {
        summary: 'Adds a member or replaces their access',
        tags: ['members'],
        params: EmailParams,
        body: MemberAccess,
        response: { 200: MemberList },
      },
    },
    async (req) => {
      const email = normaliseEmail(req.params.email);
      await members.setAccess(email, req.body);
      req.log.info(
        { user: req.me?.email, member: email, admin: req.body.admin, grants: req.body.grants },
        'member access changed',
      );
      return { members: await members.list() };
    },
  );

  api.delete(
    '/api/members/:email',
    { schema: { summary: 'Removes a member and ends their sessions', tags: ['members'], params: EmailParams } },
    async (req, reply) => {
      const email = normaliseEmail(req.params.email);
      if (members.isConfigAdmin(email)) {
        throw new ApiError(
          409,
          'MEMBER_FROM_CONFIG',
          `${email} is an admin by the server's configuration (ADMIN_EMAILS): change it there`,
        );
      }
      if (!(await members.remove(email))) throw new ApiError(404, 'MEMBER_NOT_FOUND', `${email} is not a member`);
      req.log.info({ user: req.me?.email, member: email }, 'member removed');
      return reply.status(204).send();
    },
  );

  api.post(
    '/api/members/:email/sign-out',
    { schema: { summary: 'Ends every session of a member', tags: ['members'], params: EmailParams } },
    async (req) => {
      const email = normaliseEmail(req.params.email);
      if (!(await members.exists(email))) throw new ApiError(404, 'MEMBER_NOT_FOUND', `${email} is not a member`);
      return { ended: await sessions.revokeAll(email) };
    },
  );
}
