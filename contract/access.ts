/** Team mode's members API: its bodies and answers as TypeBox schemas (the rules themselves: ./access-rules.ts). */
import { Type, type Static } from '@sinclair/typebox';
import { ClientEnvName } from './agents-api.ts';
import { TypedText } from './typed-text.ts';
import { ROLES, type Grant as GrantType } from './access-rules.ts';

export * from './access-rules.ts';

/** `agentId` / `clientEnv` left out: every agent / every environment. */
export const GrantSchema = Type.Object(
  {
    role: Type.Union(ROLES.map((role) => Type.Literal(role))),
    agentId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\u0000-\\u001f\\u007f]+$' })),
    clientEnv: Type.Optional(ClientEnvName),
  },
  { additionalProperties: false },
);
// The schema and the rules' type must say the same thing.
const sameGrant: [Static<typeof GrantSchema>, GrantType] extends [GrantType, Static<typeof GrantSchema>]
  ? true
  : never = true;
void sameGrant;

export const Member = Type.Object({
  email: Type.String(),
  name: Type.Optional(Type.String()),
  /** An admin named in the server's configuration (ADMIN_EMAILS): the members page cannot take it away. */
  adminFromConfig: Type.Boolean(),
  admin: Type.Boolean(),
  grants: Type.Array(GrantSchema),
  lastSeenAt: Type.Optional(Type.String({ format: 'date-time' })),
  activeSessions: Type.Integer(),
});
export type Member = Static<typeof Member>;
export const MemberList = Type.Object({ members: Type.Array(Member) });
export type MemberList = Static<typeof MemberList>;

/** `PUT /api/members/:email`: adds the member (before their first sign-in) or replaces their access. */
export const MemberAccess = Type.Object(
  {
    admin: Type.Boolean(),
    grants: Type.Array(GrantSchema, { maxItems: 200 }),
    name: Type.Optional(TypedText({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type MemberAccess = Static<typeof MemberAccess>;
