import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError } from './app-error';

export const MAX_PAGE_SIZE = 100;
/** The most options a referral lists (`input.limit`, 1..50). */
export const MAX_REFERRAL_LIMIT = 50;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1..100.' })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first = 20;

  @Field(() => String, { nullable: true, description: 'Cursor from pageInfo.endCursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

const CURSOR_PREFIX = 'o:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** The offset after which a page starts; a cursor this API did not make is a BAD_USER_INPUT. */
export function decodeCursor(cursor: string | undefined | null): number {
  if (cursor === undefined || cursor === null) {
    return 0;
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o:(\d{1,9})$/.exec(text);
  if (!match) {
    throw AppError.badInput('The cursor is not valid.', { argument: 'after' });
  }
  return Number(match[1]) + 1;
}

export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a Relay connection from one page of rows starting at `offset`. */
export function toPage<T>(rows: T[], offset: number, totalCount: number): Page<T> {
  const edges = rows.map((node, i) => ({ node, cursor: encodeCursor(offset + i) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: offset + rows.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A Relay connection type `<Name>Connection` with `<Name>Edge`, per the Nest code-first sample. */
export function Connection<T>(classRef: Type<T>, name: string): Type<Page<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => classRef)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  class ConnectionType implements Page<T> {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
}

const KEY_CURSOR_PREFIX = 'k:';

/** A keyset cursor: the sort keys of the last row (a page continues after them). */
export function encodeKeyCursor(keys: readonly string[]): string {
  return Buffer.from(`${KEY_CURSOR_PREFIX}${JSON.stringify(keys)}`, 'utf8').toString('base64url');
}

/**
 * The `size` sort keys a keyset cursor holds, or null without a cursor; a cursor this API did
 * not make is a BAD_USER_INPUT.
 */
export function decodeKeyCursor(cursor: string | undefined | null, size: number): string[] | null {
  if (cursor === undefined || cursor === null) {
    return null;
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  let keys: unknown = null;
  if (text.startsWith(KEY_CURSOR_PREFIX)) {
    try {
      keys = JSON.parse(text.slice(KEY_CURSOR_PREFIX.length));
    } catch {
      keys = null;
    }
  }
  if (
    !Array.isArray(keys) ||
    keys.length !== size ||
    !keys.every((k): k is string => typeof k === 'string')
  ) {
    throw AppError.badInput('The cursor is not valid.', { argument: 'after' });
  }
  return keys;
}

/**
 * A Relay connection from a keyset page: `rows` holds up to one row more than the page (which
 * tells whether another page follows). `totalCount` is what the caller computed (only when the
 * client asked for it).
 */
export function toKeysetPage<T>(
  rows: T[],
  first: number,
  afterGiven: boolean,
  totalCount: number,
  keysOf: (row: T) => readonly string[],
): Page<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeKeyCursor(keysOf(node)) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: afterGiven,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
