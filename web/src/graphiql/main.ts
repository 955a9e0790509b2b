/*
 * GraphiQL for development (served at GET /graphql when NODE_ENV is not production), built from
 * npm packages into this server's own assets: it works on a closed network, unlike Apollo's
 * embedded sandbox, which loads from a CDN. React is used here only; the page at / is Preact.
 */
import { createGraphiQLFetcher, type Storage } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import './graphiql.css';

const EXAMPLE = `# Henvis: where should this person be referred?
query Referral($input: ReferralInput!) {
  referral(input: $input) {
    guidance { code text }
    options { rank service { name } availability coverage distanceKm reasons nextSteps }
  }
}
`;

const VARIABLES = JSON.stringify(
  {
    input: {
      targetGroupCodes: ['women', 'pregnant-women'],
      needCodes: ['emergency-stay', 'pregnancy-care'],
      municipalityCode: '461',
    },
  },
  null,
  2,
);

/** Tabs, queries and variables stay in memory: a referral typed here is never kept in the browser. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
    clear: () => items.clear(),
    get length() {
      return items.size;
    },
  };
}

const root = document.getElementById('graphiql');
if (root) {
  const fetcher = createGraphiQLFetcher({ url: '/graphql' });
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      storage: memoryStorage(),
      defaultTabs: [{ query: EXAMPLE, variables: VARIABLES }],
      defaultHeaders: '{}',
      shouldPersistHeaders: false,
    }),
  );
}
