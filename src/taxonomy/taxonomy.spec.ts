import { AppError } from '../common/app-error';
import { Taxonomy } from './taxonomy';
import { codeRow as row } from '../../test/support/reference-data';

const taxonomy = new Taxonomy({
  serviceTypes: [row('womens-shelter'), row('hotline')],
  targetGroups: [
    row('victims'),
    row('women', 'victims'),
    row('pregnant-women', 'women'),
    row('men', 'victims'),
    row('perpetrators'),
  ],
  needs: [
    row('legal-advice'),
    row('divorce', 'legal-advice'),
    row('residence-status', 'legal-advice'),
  ],
});

describe('Taxonomy', () => {
  it('expands a group to narrower and broader codes, never to siblings', () => {
    expect(taxonomy.targetGroups.expandForMatch(['women'])).toEqual([
      'pregnant-women',
      'victims',
      'women',
    ]);
    expect(taxonomy.targetGroups.expandForMatch(['perpetrators'])).toEqual(['perpetrators']);
  });

  it('expands a need to the narrower needs that partly meet it', () => {
    expect(taxonomy.needs.expandForMatch(['legal-advice'])).toEqual([
      'divorce',
      'legal-advice',
      'residence-status',
    ]);
    expect(taxonomy.needs.expandForMatch(['divorce'])).toEqual(['divorce', 'legal-advice']);
  });

  it('keeps each subtree and line once, shared by every caller', () => {
    expect([...taxonomy.targetGroups.subtree('women')]).toEqual(['women', 'pregnant-women']);
    expect(taxonomy.targetGroups.subtree('women')).toBe(taxonomy.targetGroups.subtree('women'));
    expect([...taxonomy.targetGroups.subtree('unknown')]).toEqual([]);
    expect(taxonomy.needs.line('divorce')).toEqual({
      up: ['divorce', 'legal-advice'],
      down: ['divorce'],
    });
    expect(taxonomy.needs.line('legal-advice')).toBe(taxonomy.needs.line('legal-advice'));
  });

  it('gives parent and children', () => {
    expect(taxonomy.targetGroups.parent('pregnant-women')?.code).toBe('women');
    expect(taxonomy.targetGroups.children('victims').map((g) => g.code)).toEqual(['men', 'women']);
    expect(taxonomy.targetGroups.parent('victims')).toBeNull();
  });

  it('follows a cycle in the chain data only until it meets a need already taken', () => {
    const cyclic = new Taxonomy({
      serviceTypes: [],
      targetGroups: [],
      needs: [
        { ...row('a'), followUps: [{ code: 'b', when: null }] },
        { ...row('b'), followUps: [{ code: 'c', when: null }] },
        {
          ...row('c'),
          followUps: [
            { code: 'a', when: null },
            { code: 'b', when: null },
          ],
        },
      ],
    });
    expect(cyclic.chain(['a'], { otherLanguage: false }, 10)).toEqual([
      { code: 'b', after: ['a'] },
      { code: 'c', after: ['b'] },
    ]);
  });

  it('takes a node’s phase from its parent when the data has none (an old database)', () => {
    const old = new Taxonomy({
      serviceTypes: [{ ...row('hotline'), phase: null }],
      targetGroups: [],
      needs: [
        { ...row('aftercare'), phase: 'AFTERCARE' },
        { ...row('housing', 'aftercare'), phase: null },
      ],
    });
    expect(old.needs.get('housing')?.phase).toBe('AFTERCARE');
    expect(old.serviceTypeByCode.get('hotline')?.phase).toBe('SUPPORT');
  });

  it('lists every unknown code in one error', () => {
    expect(() =>
      taxonomy.assertKnown(
        'needs',
        ['divorce', 'flying', 'swimming', 'flying'],
        'filter.needCodes',
      ),
    ).toThrow(
      new AppError(
        // message is what the client sees
        'BAD_USER_INPUT' as never,
        'Unknown need code(s) in filter.needCodes: flying, swimming',
      ),
    );
    expect(taxonomy.unknown('serviceTypes', ['hotline', 'spa'])).toEqual(['spa']);
  });
});
