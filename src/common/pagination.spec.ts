import { AppError } from './app-error';
import { decodeCursor, encodeCursor, toPage } from './pagination';

describe('pagination', () => {
  it('round-trips a cursor to the next offset', () => {
    expect(decodeCursor(encodeCursor(0))).toBe(1);
    expect(decodeCursor(encodeCursor(41))).toBe(42);
    expect(decodeCursor(undefined)).toBe(0);
  });

  it('rejects a cursor it did not make', () => {
    expect(() => decodeCursor('bm9wZQ')).toThrow(AppError);
    expect(() => decodeCursor("'; MATCH (n) DETACH DELETE n //")).toThrow(
      'The cursor is not valid.',
    );
  });

  it('builds page info', () => {
    const page = toPage(['a', 'b'], 2, 5);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: encodeCursor(2),
      endCursor: encodeCursor(3),
    });
    expect(toPage([], 0, 0).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
