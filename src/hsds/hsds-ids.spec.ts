import { entityId, isUuid, partId, uuidV5 } from './hsds-ids';

describe('HSDS ids', () => {
  it('derives RFC 9562 version 5 UUIDs (the RFC’s own example under the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives the same id for the same input and different ids for different inputs', () => {
    expect(entityId('service', 'demo-shelter')).toBe(entityId('service', 'demo-shelter'));
    expect(entityId('service', 'demo-shelter')).not.toBe(entityId('organization', 'demo-shelter'));
    expect(isUuid(entityId('service', 'x'))).toBe(true);
    expect(partId(entityId('service', 'x'), 'phone')).not.toBe(entityId('service', 'x'));
  });

  it('keeps an id that is a UUID already (lower case)', () => {
    expect(entityId('service', 'AE58CC39-8B70-4AB1-8AEA-786882E5AC8E')).toBe(
      'ae58cc39-8b70-4ab1-8aea-786882e5ac8e',
    );
  });
});
