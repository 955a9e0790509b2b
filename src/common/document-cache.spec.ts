import { parse, print } from 'graphql';
import { isCacheable, MAX_DOCUMENT_CHARS, SafeDocumentCache } from './document-cache';

const REFERRAL_VARIABLES = `query Refer($input: ReferralInput!, $language: Language!) {
  referral(input: $input, language: $language) { options { rank service { id name } } }
}`;
const REFERRAL_INLINE = `query Refer {
  referral(input: { targetGroupCodes: ["pregnant-women"], needCodes: ["emergency-stay"],
    municipalityCode: "461", age: 34 }, language: DA) { options { rank service { id name } } }
}`;

describe('isCacheable', () => {
  it.each([
    ['a document without arguments', '{ regions { code name } }'],
    ['the referral with variables', REFERRAL_VARIABLES],
    ['Int, enum, Boolean and null literals', '{ services(first: 20, after: null) { totalCount } }'],
    [
      'an enum argument and a Boolean directive',
      'query($i: ReferralInput!) { referral(input: $i, language: EN) { guidance { code @include(if: true) } } }',
    ],
    [
      'fragments and aliases',
      'query Page($n: Int!) { a: services(first: $n) { ...C } } fragment C on ServiceConnection { totalCount }',
    ],
  ])('keeps %s', (_name, query) => {
    expect(isCacheable(parse(query))).toBe(true);
  });

  it.each([
    ['an inline referral (object, list and string literals)', REFERRAL_INLINE],
    ['a string argument', '{ municipality(code: "461") { name } }'],
    ['a block string argument', '{ searchServices(query: """krisecenter""") { totalHits } }'],
    ['an inline search text', '{ searchServices(query: "Anna Jensen Odense") { totalHits } }'],
    [
      'an inline filter (object)',
      'query($r: String) { services(filter: { regionCode: $r }) { totalCount } }',
    ],
    ['a list literal', 'query($codes: [Int] = [1, 2]) { regions { code } }'],
    [
      "a variable's default value",
      'query($i: ReferralInput! = { targetGroupCodes: ["women"], needCodes: ["shelter"] }) { referral(input: $i) { options { rank } } }',
    ],
    ['a float literal', '{ services(first: 2.5) { totalCount } }'],
    [
      'a string in a fragment',
      'query { ...F } fragment F on Query { region(code: "1084") { name } }',
    ],
    ['a string in a directive', '{ regions @deprecated(reason: "x") { code } }'],
    ['a comment', '# Anna, 34, pregnant, Odense\n{ regions { code } }'],
    ['a comment after the operation', '{ regions { code } } # cpr 010190-1234'],
  ])('never keeps %s', (_name, query) => {
    expect(isCacheable(parse(query))).toBe(false);
  });

  it('never keeps a document parsed without locations or over the size bound', () => {
    expect(isCacheable(parse('{ regions { code } }', { noLocation: true }))).toBe(false);
    const long = `{ regions { code ${' '.repeat(MAX_DOCUMENT_CHARS)} } }`;
    expect(isCacheable(parse(long))).toBe(false);
  });
});

describe('SafeDocumentCache', () => {
  it('stores a safe document and hands it back', async () => {
    const cache = new SafeDocumentCache();
    const document = parse(REFERRAL_VARIABLES);
    await cache.set('k', document);
    expect(await cache.get('k')).toBe(document);
    expect(await cache.get('other')).toBeUndefined();
    expect([cache.size, cache.hits, cache.misses]).toEqual([1, 1, 1]);
  });

  it('never stores an inline referral, and drops an entry of the same key', async () => {
    const cache = new SafeDocumentCache();
    await cache.set('k', parse(REFERRAL_VARIABLES));
    await cache.set('k', parse(REFERRAL_INLINE));
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.documents()).toEqual([]);
  });

  it('keeps the most recently used within its bounds of documents and characters', async () => {
    const docs = ['{ a: regions { code } }', '{ b: regions { code } }', '{ c: regions { code } }'];
    const byCount = new SafeDocumentCache(2, 1_000);
    await byCount.set('a', parse(docs[0]));
    await byCount.set('b', parse(docs[1]));
    await byCount.get('a'); // a is now the most recent: b goes first
    await byCount.set('c', parse(docs[2]));
    expect(byCount.documents().map((d) => print(d).replace(/\s+/g, ' '))).toEqual([
      '{ a: regions { code } }',
      '{ c: regions { code } }',
    ]);

    const byChars = new SafeDocumentCache(10, 2 * docs[0].length);
    for (const [i, doc] of docs.entries()) {
      await byChars.set(String(i), parse(doc));
    }
    expect(byChars.size).toBe(2);
    expect(await byChars.get('0')).toBeUndefined();
    expect(await byChars.delete('2')).toBe(true);
    expect(byChars.size).toBe(1);
  });
});
