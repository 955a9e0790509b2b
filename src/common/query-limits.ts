import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  DocumentNode,
  FieldNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLSchema,
  isLeafType,
  isListType,
  getEnterLeaveForKind,
  Kind,
  parse,
  TypeInfo,
  ValidationContext,
  ValidationRule,
  visit,
  visitInParallel,
} from 'graphql';
import { ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE, MAX_REFERRAL_LIMIT } from './pagination';
import { rootFieldLimit } from './root-field-limit';
import { documentSizeRefusal, limitError, repeatedFieldsRefusal } from './selection-limits';

export const MAX_QUERY_DEPTH = 12;
/** Aliases anywhere in the operation (fragments followed); `__typename` is free. */
export const MAX_ALIASES = 30;
/** Roughly the number of values an operation may ask for (see `createFieldCost`). */
export const MAX_QUERY_COST = 10_000;
/** Selections the cost analysis may visit with fragments expanded (bounds its own work). */
export const MAX_QUERY_NODES = 2_000;
/**
 * Tokens in one document: parsing stops there (graphql-js `maxTokens`), so no document costs
 * more than parsing this many tokens before it is refused. The largest query the page sends has
 * about 150 tokens, GraphiQL's introspection about 500, and 30 aliases (the most allowed) with a
 * generous selection each stay well under it. At 30,000 (before), a document of 3,500 aliases
 * was parsed whole and then walked by the limits: 50–350 ms of a blocked event loop on a loaded
 * machine, more than the 100 ms any one request may hold up /health/live (issue 8).
 */
export const MAX_QUERY_TOKENS = 4_000;

/** Introspection reads no data but builds the whole schema: a flat price per meta field. */
const SCHEMA_COST = 1_000;
const TYPE_COST = 50;

/**
 * Expected lengths of lists whose length no argument gives: the number of regions and
 * municipalities is fixed by law, the taxonomy is small, a service has a few groups and needs.
 */
const LIST_SIZES: Record<string, number> = {
  'Query.regions': 5,
  'Query.municipalities': 98,
  'Region.municipalities': 30,
  'Query.serviceTypes': 20,
  'Query.targetGroups': 15,
  'Query.needs': 35,
  'Organisation.services': 5,
  'Service.targetGroups': 5,
  'Service.needs': 5,
  'Service.referralRoutes': 3,
  'Referral.byNeed': 5,
  'Referral.followUps': 5,
  'Referral.guidance': 5,
  'Referral.unmetNeeds': 5,
  'FollowUp.options': 3,
  'NeedOptions.options': 10,
  'Referral.options': 10,
  // A referral plan is bounded by the engine: 3 phases, at most 5 steps each, 3 options a step,
  // 3 alternatives when an option is full.
  'ReferralOption.ifFull': 3,
  'ReferralOption.matchedNeeds': 5,
  'ReferralOption.matchedTargetGroups': 5,
  'ReferralPlan.phases': 3,
  'PlanPhase.steps': 5,
  'PlanStep.after': 3,
  'PlanStep.options': 3,
  'Service.continuesTo': 10,
  'Service.ifFullTry': 10,
};
const DEFAULT_LIST_SIZE = 10;
/** A referral's lists are priced for the default `limit` (10) and scaled by the one asked. */
const REFERRAL_BASE_LIMIT = 10;

function numberArg(args: Record<string, unknown>, name: string): number | undefined {
  const value = args[name];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * The `limit` a referral is priced for. One out of its range (1..MAX_REFERRAL_LIMIT) is priced
 * as the default: the request is refused anyway, and then with the range's own message
 * ("input.limit must not be greater than 50"), not with a price the limit made up.
 */
function referralLimit(args: Record<string, unknown>): number {
  const input = args.input;
  if (typeof input === 'object' && input !== null && 'limit' in input) {
    const limit = input.limit;
    if (
      typeof limit === 'number' &&
      Number.isFinite(limit) &&
      limit > 0 &&
      limit <= MAX_REFERRAL_LIMIT
    ) {
      return limit;
    }
  }
  return REFERRAL_BASE_LIMIT;
}

/** The page lists of connections and search results: as long as `first` of their parent. */
const PAGE_LISTS = new Set(['edges', 'hits']);

/**
 * The price of one field: 1 for a value, and for an object 1 plus the price of what is asked of
 * it, times the expected length of a list: LIST_SIZES (`municipalities(regionCode)` as a
 * region's), DEFAULT_LIST_SIZE otherwise. Every alias is a field of its own, so aliases are
 * priced at every level.
 *
 * A page list (`edges`, `hits`) is priced for the largest page (MAX_PAGE_SIZE) and remembers its
 * price per item; the field that takes `first` (its parent, priced after its children) lowers
 * that to `first` items for the page lists among its direct selections. A page list behind a
 * fragment spread keeps the largest page: never priced too low.
 */
export function createFieldCost(): (args: ComplexityEstimatorArgs) => number {
  const perItem = new WeakMap<FieldNode, number>();
  const referralCost = new WeakMap<FieldNode, number>();
  return ({ type, field, args, node, childComplexity }) => {
    if (field.name === '__typename') {
      return 0;
    }
    if (field.name === '__schema') {
      return SCHEMA_COST;
    }
    if (field.name === '__type') {
      return TYPE_COST;
    }
    if (type.name.startsWith('__')) {
      return 0; // inside introspection: priced flat above
    }
    const fieldType = getNullableType(field.type);
    if (isLeafType(getNamedType(fieldType))) {
      return 1;
    }
    const coordinate = `${type.name}.${field.name}`;
    if (isListType(fieldType) && PAGE_LISTS.has(field.name)) {
      perItem.set(node, 1 + childComplexity);
      return MAX_PAGE_SIZE * (1 + childComplexity);
    }
    let cost = 1 + childComplexity;
    const first = numberArg(args, 'first');
    if (first !== undefined && first < MAX_PAGE_SIZE) {
      for (const selection of node.selectionSet?.selections ?? []) {
        const item = selection.kind === Kind.FIELD ? perItem.get(selection) : undefined;
        if (item !== undefined) {
          cost -= (MAX_PAGE_SIZE - first) * item;
        }
      }
    }
    if (isListType(fieldType)) {
      let size = LIST_SIZES[coordinate] ?? DEFAULT_LIST_SIZE;
      if (coordinate === 'Query.municipalities' && typeof args.regionCode === 'string') {
        size = LIST_SIZES['Region.municipalities'];
      }
      cost *= size;
    }
    if (coordinate === 'ReferralPlan.referral') {
      referralCost.set(node, cost);
    }
    const scale = Math.max(1, referralLimit(args) / REFERRAL_BASE_LIMIT);
    if (coordinate === 'Query.referral') {
      cost *= scale;
    }
    if (coordinate === 'Query.referralPlan') {
      // Only the referral part grows with `limit`; the phases are bounded on their own. A
      // selection behind a fragment is not seen here: then the whole plan is scaled.
      const selections = node.selectionSet?.selections ?? [];
      if (selections.every((selection) => selection.kind === Kind.FIELD)) {
        for (const selection of selections) {
          cost += (scale - 1) * (referralCost.get(selection) ?? 0);
        }
      } else {
        cost *= scale;
      }
    }
    return Math.ceil(cost);
  };
}

const isLimitError = (error: GraphQLError): boolean =>
  error.extensions.code === 'GRAPHQL_VALIDATION_FAILED';

/** Reports armor's refusal in our own words (armor's message would say "Syntax Error"). */
function rejectWith(message: (found: string | undefined) => string) {
  return [
    (context: ValidationContext | null, error: GraphQLError): void =>
      context?.reportError(limitError(message(/found (\d+)/.exec(error.message)?.[1]))),
  ];
}

/**
 * The limits on the document's shape, plain validation rules in the order their messages are
 * preferred: graphql-armor's depth and alias limits, the top-level field limit, and the counts
 * that bound graphql's own validation run before them (selection-limits.ts).
 */
function shapeRules(): ValidationRule[] {
  return [
    rootFieldLimit(),
    maxDepthRule({
      n: MAX_QUERY_DEPTH,
      flattenFragments: true,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: rejectWith((found) =>
        found
          ? `The query is nested ${found} levels deep; at most ${MAX_QUERY_DEPTH} are allowed.`
          : `The query is nested more than ${MAX_QUERY_DEPTH} levels deep.`,
      ),
    }),
    maxAliasesRule({
      n: MAX_ALIASES,
      propagateOnRejection: false,
      onReject: rejectWith(
        (found) =>
          `The query uses ${found ?? 'too many'} aliases; at most ${MAX_ALIASES} are allowed.`,
      ),
    }),
  ];
}

/**
 * The first limit error of `rules` on the document. The rules act on whole operations and
 * follow fragments themselves, so graphql's `visit` goes down to the definitions only: walking
 * every node of a 4,000-token document costs more than the rules, and graphql's typed walk in
 * `validate()` several times more.
 */
function firstRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  rules: ValidationRule[],
): GraphQLError | undefined {
  const errors: GraphQLError[] = [];
  const context = new ValidationContext(schema, document, new TypeInfo(schema), (error) => {
    errors.push(error);
  });
  const parallel = visitInParallel(rules.map((rule) => rule(context)));
  const operation = getEnterLeaveForKind(parallel, Kind.OPERATION_DEFINITION);
  visit(document, {
    OperationDefinition(...args) {
      operation.enter?.apply(parallel, args);
      operation.leave?.apply(parallel, args);
      return false;
    },
    FragmentDefinition: () => false,
  });
  return errors.find(isLimitError);
}

/** The price of the request (graphql-query-complexity), or its refusal. */
function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): GraphQLError | null {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables,
      operationName,
      estimators: [createFieldCost()],
      maxQueryNodes: MAX_QUERY_NODES,
    });
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      return limitError(
        `The query has more than ${MAX_QUERY_NODES} selections with its fragments expanded.`,
      );
    }
    if (error instanceof GraphQLError) {
      // Variables that do not fit their types: refused before execution by safeVariablesPlugin,
      // in words that quote no value.
      return null;
    }
    return limitError('The query could not be priced.');
  }
  return cost > MAX_QUERY_COST
    ? limitError(`The query costs ${cost}; at most ${MAX_QUERY_COST} is allowed.`)
    : null;
}

/**
 * Documents whose shape (depth, aliases, top-level fields, sizes, repeated fields) is within the
 * limits: the shape does not depend on the variables, so a cached document is not walked for it
 * again. Its price does, and is checked every time.
 */
const withinShape = new WeakSet<DocumentNode>();

/**
 * Checks the limits on a parsed document, before graphql's own validation (whose cost grows
 * with the size of the document, and for repeated fields with its square) and with the
 * request's variables (so `first: $n` is priced by its value): the shape (repeated
 * fields first: the cheapest count, and the one whose excess costs validation most), then the
 * price. Returns the first limit exceeded, or null. Errors of other kinds (an unknown field,
 * a variable of the wrong type) are left to validation and execution, which report them in
 * their own words.
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): GraphQLError | null {
  if (!withinShape.has(document)) {
    const shape =
      documentSizeRefusal(document) ??
      repeatedFieldsRefusal(document) ??
      firstRefusal(schema, document, shapeRules());
    if (shape) {
      return shape;
    }
    withinShape.add(document);
  }
  return costRefusal(schema, document, variables, operationName);
}

/**
 * Refusals by the stand-in document that carries them through graphql's validation.
 * Hand-written: Apollo runs every validation rule in one walk beside graphql's own (the
 * quadratic one among them) and answers an error thrown by a hook with a 500, so a refusal made
 * before that walk travels in a one-field document that `refusalRule` reports.
 */
const refusals = new WeakMap<DocumentNode, GraphQLError>();

/** Reports the refusal carried by a stand-in document (see `queryLimitsPlugin`). */
export const refusalRule: ValidationRule = (context) => ({
  Document(node) {
    const refused = refusals.get(node);
    if (refused) {
      context.reportError(refused);
    }
  },
});

/** What the limits read of a request in either hook: its document and its own variables. */
interface LimitedRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  request: { variables?: Record<string, unknown>; operationName?: string | null };
}

/** The request's refusal by the query limits, if any (see `checkQueryLimits`). */
function limitsRefusal(rc: LimitedRequest): GraphQLError | null {
  return checkQueryLimits(
    rc.schema,
    rc.document,
    rc.request.variables ?? {},
    rc.request.operationName ?? undefined,
  );
}

/** A refusal thrown from a hook after validation: the same error, answered with HTTP 400. */
function refusalAfterValidation(refused: GraphQLError): GraphQLError {
  return new GraphQLError(refused.message, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
}

/**
 * Applies the query limits to every request, with its own variables, exactly once:
 *
 * - A document just parsed is checked as soon as it is parsed (`validationDidStart`), before
 *   graphql's own validation rules (whose work grows with the size of the document) and long
 *   before execution, so no small request occupies the process for long. Apollo masks an error
 *   thrown by a hook there as a 500, so a refused document is replaced by a one-field stand-in
 *   that `refusalRule` reports: the client gets the refusal as a validation error
 *   (GRAPHQL_VALIDATION_FAILED, HTTP 400), and the stand-in, failing validation, is never cached.
 * - A document from the document cache (see document-cache.ts) skips parsing and validation, so
 *   it is checked in `didResolveOperation`, before execution; a refusal there is thrown as the
 *   same error with HTTP 400. Its shape passed the limits when it was stored, but its price
 *   depends on the variables (`first: $n`), which differ per request.
 */
export function queryLimitsPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      let checked = false;
      return Promise.resolve({
        validationDidStart(requestContext) {
          checked = true;
          const refused = limitsRefusal(requestContext);
          if (refused) {
            const standIn = parse('{ __typename }');
            refusals.set(standIn, refused);
            Object.assign(requestContext, { document: standIn });
          }
          return Promise.resolve();
        },
        didResolveOperation(requestContext) {
          if (checked) {
            return Promise.resolve();
          }
          checked = true;
          const refused = limitsRefusal(requestContext);
          return refused ? Promise.reject(refusalAfterValidation(refused)) : Promise.resolve();
        },
      });
    },
  };
}
