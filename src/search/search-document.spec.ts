import { Service } from '../catalogue/models/service.model';
import { toSearchDocument } from './search-document';
import { geo as geography, listing, tax as taxonomy } from '../../test/support/referral-fixtures';

/** A confidential women's shelter in Aarhus that also covers Nordjylland and Odense. */
function service(overrides: Partial<Service> = {}): Service {
  return listing('svc-1', {
    name: 'Alfa Krisecenter',
    description: 'Døgnåbent',
    typeCode: 'womens-shelter',
    organisationId: 'org-1',
    municipalityCode: '751',
    needCodes: ['emergency-stay'],
    targetGroupCodes: ['women'],
    coverage: { national: false, regionCodes: ['1081'], municipalityCodes: ['461'] },
    addressConfidential: true,
    contact: { phone: '+45 11 22 33 44', email: null, website: null },
    open24h: true,
    eligibility: { minAge: 18, maxAge: null, acceptsChildren: true, maxBoyAge: 14 },
    languages: ['ar', 'da'],
    wheelchairAccessible: true,
    referralRoutes: [],
    selfReferral: false,
    version: 3,
    updatedAt: new Date(0),
    ...overrides,
  });
}

describe('toSearchDocument', () => {
  it('holds the public names and the codes filters need, with the hierarchy expanded', () => {
    const doc = toSearchDocument(
      { service: service(), organisationName: 'Alfa Org', searchText: 'alfa text' },
      taxonomy,
      geography,
    );
    expect(doc).toMatchObject({
      id: 'svc-1',
      version: 3,
      name: 'Alfa Krisecenter',
      typeCode: 'womens-shelter',
      typeName: 'Kvindekrisecenter',
      typeNameEn: "Women's shelter",
      organisationName: 'Alfa Org',
      municipalityName: 'Aarhus',
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      searchText: 'alfa text',
      languages: ['ar', 'da'],
      national: false,
    });
    // A filter on victims (broader), women, or a narrower group of women finds it; men do not.
    expect(doc.targetGroupMatch).toEqual([
      'ethnic-minority-women',
      'pregnant-women',
      'victims',
      'women',
    ]);
    expect(doc.needMatch).toEqual(['emergency-stay', 'safety']);
    // Located in Aarhus (1082), covers region 1081 and Odense (1083).
    expect(doc.regionCodes).toEqual(['1081', '1082', '1083']);
    expect(doc.municipalityCodes).toContain('751');
    expect(doc.municipalityCodes).toContain('461');
    expect(doc.municipalityCodes).toContain('851');
    expect(doc.municipalityCodes).not.toContain('101');
  });

  it('never carries an address, contact details or anything not needed to find the service', () => {
    const doc = toSearchDocument(
      {
        service: service({
          publicAddress: { street: 'Hemmeligvej 7', postalCode: '8000', city: 'Aarhus C' },
        }),
        organisationName: null,
        searchText: null,
      },
      taxonomy,
      geography,
    );
    const text = JSON.stringify(doc);
    expect(text).not.toContain('Hemmeligvej');
    expect(text).not.toContain('8000');
    expect(text).not.toContain('11 22 33 44');
    expect(Object.keys(doc).filter((k) => /address|phone|email|capacity/i.test(k))).toEqual([]);
  });
});
