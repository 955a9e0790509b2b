import { registerEnumType } from '@nestjs/graphql';

/**
 * What a caller may do: the role of its API token. A caller without a token is public and has no
 * role (`Viewer.role` and `Me.role` are null), so there is no PUBLIC value to create a token with.
 */
export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  PROFESSIONAL = 'PROFESSIONAL',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What an API token may do; a caller without a token is public.',
  valuesMap: {
    ADMIN: { description: 'Everything, for every organisation.' },
    EDITOR: { description: 'Keeps the listings and tokens of one organisation.' },
    PROFESSIONAL: {
      description: 'A verified professional: sees professional-only contact details.',
    },
  },
});
