import type { ApolloServerPlugin } from '@apollo/server';
import {
  coerceInputValue,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  OperationDefinitionNode,
  typeFromAST,
} from 'graphql';

/*
 * graphql-js words its input errors with the value it was given (`Variable "$i" got invalid value
 * { … address: { street: "…" } }`, `Expected value of type "Int", found "…"`, `Syntax Error:
 * Expected Name, found String "…"`): a referral or a confidential address would come back in the
 * error, and into any log that keeps errors. Here every such error names the variable, the path
 * and the problem, from the schema, never from the value.
 */

function printPath(path: readonly (string | number)[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
}

/** The input type at a path inside a value of `type` (as coerceInputValue reports paths). */
function typeAt(
  type: GraphQLInputType,
  path: readonly (string | number)[],
): GraphQLInputType | undefined {
  let current: GraphQLInputType | undefined = type;
  for (const key of path) {
    const nullable: GraphQLInputType | undefined = current && getNullableType(current);
    if (nullable && isListType(nullable) && typeof key === 'number') {
      current = nullable.ofType;
    } else if (nullable && isInputObjectType(nullable) && typeof key === 'string') {
      current = nullable.getFields()[key]?.type;
    } else {
      return undefined;
    }
  }
  return current;
}

/** The problem with a value of `type`, in words taken from the schema only. */
function problemOf(type: GraphQLInputType | undefined, error: GraphQLError): string {
  if (!type) {
    return 'The value is not valid.';
  }
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    const required = /^Field "([_A-Za-z][_0-9A-Za-z]*)" of required type/.exec(error.message);
    const field = required ? named.getFields()[required[1]] : undefined;
    if (field) {
      return `Field "${field.name}" of required type "${String(field.type)}" was not provided.`;
    }
    if (/ is not defined by type /.test(error.message)) {
      return `A field is given that input type "${named.name}" does not define.`;
    }
    return `Expected type "${named.name}" to be an object.`;
  }
  if (isListType(getNullableType(type))) {
    return `Expected type "${String(getNullableType(type))}".`;
  }
  if (isEnumType(named)) {
    return `Expected a value of enum "${named.name}".`;
  }
  return `Expected type "${named.name}".`;
}

/**
 * Coerces the variables as graphql's execution will, reporting each problem by variable, path
 * and problem only. Empty when the variables are fine (or for a variable whose type is unknown,
 * which validation has already refused).
 */
export function variableErrors(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Readonly<Record<string, unknown>>,
): string[] {
  const problems: string[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) {
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(inputs, name)) {
      if (isNonNullType(type) && !definition.defaultValue) {
        problems.push(`Variable "$${name}" of required type "${String(type)}" was not provided.`);
      }
      continue;
    }
    const value = inputs[name];
    if (value === null && isNonNullType(type)) {
      problems.push(`Variable "$${name}" of non-null type "${String(type)}" must not be null.`);
      continue;
    }
    coerceInputValue(value, type, (path, _invalid, error) => {
      const at = path.length > 0 ? ` at "${name}${printPath(path)}"` : '';
      problems.push(
        `Variable "$${name}" got an invalid value${at}: ${problemOf(typeAt(type, path), error)}`,
      );
    });
  }
  return problems;
}

/**
 * Checks the variables before execution (where graphql would word its errors with the values)
 * and refuses bad ones as BAD_USER_INPUT (HTTP 400), with every problem in `problems`.
 */
export function safeVariablesPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation(requestContext) {
          const operation = requestContext.operation;
          if (!operation) {
            return Promise.resolve();
          }
          const problems = variableErrors(
            requestContext.schema,
            operation,
            requestContext.request.variables ?? {},
          );
          if (problems.length === 0) {
            return Promise.resolve();
          }
          return Promise.reject(
            new GraphQLError(problems[0], {
              nodes: operation.variableDefinitions,
              extensions: { code: 'BAD_USER_INPUT', problems, http: { status: 400 } },
            }),
          );
        },
      });
    },
  };
}

/**
 * The message of an error about the request, without any value it quotes: a safety net behind
 * `safeVariablesPlugin` for graphql's own wording (literals in the query, syntax errors, and a
 * variable error should one come from elsewhere). Names of fields, types and variables stay.
 */
export function withoutValues(message: string): string {
  const variable = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value/.exec(message);
  if (variable) {
    return `Variable "$${variable[1]}" got an invalid value.`;
  }
  const literal = /^Expected value of type "([^"]+)", found /.exec(message);
  if (literal) {
    return `Expected value of type "${literal[1]}"; the value given is not one.`;
  }
  const unknownField = /^Field "[^"]*" is not defined by type "([_A-Za-z][_0-9A-Za-z]*)"/.exec(
    message,
  );
  if (unknownField) {
    return `A field is given that input type "${unknownField[1]}" does not define.`;
  }
  if (message.startsWith('Syntax Error:')) {
    // A token is described with its text (`found String "…"`, `Unexpected character: "…"`):
    // keep its kind only. Punctuators (`Expected ":"`) are grammar, not input, and stay.
    return message
      .replace(/\b(String|BlockString|Name|Int|Float) ".*$/s, '$1.')
      .replace(/: ".*$/s, '.');
  }
  // A literal a scalar or enum rejects: "Int cannot represent non-integer value: …".
  const enumValue =
    /^Enum "([_A-Za-z][_0-9A-Za-z]*)" cannot represent/.exec(message) ??
    /does not exist in "([_A-Za-z][_0-9A-Za-z]*)" enum/.exec(message);
  if (enumValue) {
    return `Expected a value of enum "${enumValue[1]}".`;
  }
  const scalar = /^([_A-Za-z][_0-9A-Za-z]*) cannot represent/.exec(message);
  if (scalar) {
    return `Expected value of type "${scalar[1]}"; the value given is not one.`;
  }
  if (/cannot represent|does not exist in "/.test(message)) {
    return 'A value given is not valid for its type.';
  }
  return message;
}
