import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

/**
 * The baseline of `npm run bench`: a generic `@neo4j/graphql` (7) API over the same graph, with a
 * schema equivalent to what Henvis's `services` listing reads. Started by bench/run.ts in its
 * own process (as Henvis is), on NEO4J_URI, listening on BASELINE_PORT.
 */
export const TYPE_DEFS = /* GraphQL */ `
  type Service @node {
    id: ID!
    name: String!
    archived: Boolean
    national: Boolean
    languages: [String!]
    type: [ServiceType!]! @relationship(type: "OF_TYPE", direction: OUT)
    organisation: [Organisation!]! @relationship(type: "OPERATES", direction: IN)
    municipality: [Municipality!]! @relationship(type: "LOCATED_IN", direction: OUT)
    targetGroups: [TargetGroup!]! @relationship(type: "SERVES", direction: OUT)
    needs: [Need!]! @relationship(type: "MEETS", direction: OUT)
    coveredRegions: [Region!]! @relationship(type: "COVERS", direction: OUT)
    coveredMunicipalities: [Municipality!]! @relationship(type: "COVERS", direction: OUT)
  }
  type Municipality @node {
    code: ID!
    name: String!
    region: [Region!]! @relationship(type: "IN_REGION", direction: OUT)
  }
  type Region @node {
    code: ID!
    name: String!
  }
  type TargetGroup @node {
    code: ID!
    name: String!
  }
  type Need @node {
    code: ID!
    name: String!
  }
  type ServiceType @node {
    code: ID!
    name: String!
  }
  type Organisation @node {
    id: ID!
    name: String!
  }
`;

async function main(): Promise<void> {
  const driver = neo4j.driver(
    process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
    neo4j.auth.basic(process.env.NEO4J_USERNAME ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
  );
  const schema = await new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.BASELINE_PORT ?? 4000), host: '127.0.0.1' },
  });
  console.log(`baseline ready ${url}`);
}

main().catch((error: unknown) => {
  console.error(`baseline: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
