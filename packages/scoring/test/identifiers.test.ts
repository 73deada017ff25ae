import { describe, expect, it } from 'vitest';
import { findIdentifiers } from '../src/items/written/identifiers';

const ALL = ['name-with-dob', 'dob', 'mrn', 'member-id', 'ssn'] as const;

describe('patient identifier detection', () => {
  it.each([
    ['John Doe (DOB 03/04/1980) was rejected', ['John Doe (DOB 03/04/1980']],
    ['Jane Smith, 4/5/1975, needs a new claim', ['Jane Smith, 4/5/1975']],
    ['Mary Jones born 1961-02-03', ['Mary Jones born 1961-02-03']],
    ['date of birth: 12/01/1990', ['date of birth: 12/01/1990']],
    ['MRN: 88812345 and subscriber id XJ99812', ['MRN: 88812345', 'subscriber id XJ99812']],
    ['account #573421 was fixed', ['account #573421']],
    ['SSN 123-45-6789', ['123-45-6789']],
  ])('finds identifiers in %j', (text, spans) => {
    expect(findIdentifiers(text, ALL)).toEqual(spans);
  });

  it.each([
    ['Hi Team, 10 claims from 11/03/2026 were rejected for the old NPI 1234567893.'],
    ['Kind Regards, 11/20/1999 was a long time ago'],
    ['Please check the member ID on each claim.'],
    ['Dr. Brown, the visit on 9/10 was a level 3 or 4?'],
  ])('finds none in %j', (text) => {
    expect(findIdentifiers(text, ALL)).toEqual([]);
  });

  it('looks only for the requested families', () => {
    expect(findIdentifiers('MRN 4456789, SSN 123-45-6789', ['ssn'])).toEqual(['123-45-6789']);
  });
});
