import { AppError } from '../common/app-error';
import { Taxonomy } from './taxonomy';

const row = (code: string, parentCode: string | null = null) => ({
  code,
  name: code,
  nameEn: code,
  description: null,
  parentCode,
});

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

  it('gives parent and children', () => {
    expect(taxonomy.targetGroups.parent('pregnant-women')?.code).toBe('women');
    expect(taxonomy.targetGroups.children('victims').map((g) => g.code)).toEqual(['men', 'women']);
    expect(taxonomy.targetGroups.parent('victims')).toBeNull();
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
