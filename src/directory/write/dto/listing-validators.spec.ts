import { isDanishPhone } from './listing-validators';

describe('isDanishPhone', () => {
  it.each(['+45 11 22 33 44', '+4511223344', '+45 1122 3344', '112', '114', '1888', ' 1888 '])(
    'accepts %p',
    (phone) => expect(isDanishPhone(phone)).toBe(true),
  );

  it.each([
    '11223344',
    '+46 11 22 33 44',
    '+45 11 22 33 4',
    '+45 11 22 33 445',
    '+45  11223344',
    '12',
    '12345',
    '+45-11-22-33-44',
    '',
    42,
  ])('rejects %p', (phone) => expect(isDanishPhone(phone)).toBe(false));
});
