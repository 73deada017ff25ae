import { describe, expect, it } from 'vitest';
import { compareVersions, nextVersion, versionSortKey } from '../src/domain/versions';

describe('versions', () => {
  it('starts at 1.0.0 whatever the bump, then bumps minor unless told', () => {
    expect(nextVersion(null)).toBe('1.0.0');
    expect(nextVersion(null, 'major')).toBe('1.0.0');
    expect(nextVersion('1.2.3')).toBe('1.3.0');
    expect(nextVersion('1.2.3', 'major')).toBe('2.0.0');
    expect(nextVersion('1.2.3', 'patch')).toBe('1.2.4');
  });

  it('orders versions numerically, not as text', () => {
    expect(versionSortKey('1.10.0') > versionSortKey('1.9.0')).toBe(true);
    expect(['1.10.0', '1.9.0', '2.0.0', '1.9.10'].sort(compareVersions)).toEqual([
      '1.9.0',
      '1.9.10',
      '1.10.0',
      '2.0.0',
    ]);
  });
});
