import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { fragmentsByName } from './graphql-fragments';
import type { DocumentNode } from 'graphql';

/**
 * Root fields whose input describes a person: over GET the input sits in the URL, where
 * proxies and access logs keep it. They are answered over POST only.
 */
export const POST_ONLY_FIELDS = new Set(['referral', 'referralPlan']);

/** The root field names an operation asks for, fragments followed. */
export function rootFieldNames(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Set<string> {
  const fragments = fragmentsByName(document);
  const names = new Set<string>();
  const visited = new Set<string>();
  const collect = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) {
          collect(fragment.selectionSet);
        }
      }
    }
  };
  collect(operation.selectionSet);
  return names;
}

/** Refuses a GET that asks for a referral or a plan: 405 with `Allow: POST`. */
export function postOnlyPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, operation }) {
          if (request.http?.method !== 'GET' || !operation) {
            return Promise.resolve();
          }
          const asked = rootFieldNames(document, operation);
          if (![...POST_ONLY_FIELDS].some((field) => asked.has(field))) {
            return Promise.resolve();
          }
          return Promise.reject(
            new GraphQLError(
              'Referrals and plans are asked with POST only: a GET would put the input in the URL.',
              {
                extensions: {
                  code: 'BAD_REQUEST',
                  http: { status: 405, headers: new HeaderMap([['allow', 'POST']]) },
                },
              },
            ),
          );
        },
      });
    },
  };
}
