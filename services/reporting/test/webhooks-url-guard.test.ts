import { describe, expect, it } from 'vitest';
import { HttpProblem } from '@assay/platform';
import { checkUrl, type Resolver } from '../src/webhooks/url-guard';

const answers =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }) as const);
const publicDns = answers('93.184.216.34');

async function refusal(
  url: string,
  resolve: Resolver = publicDns,
  mode: 'cloud' | 'local' = 'cloud',
) {
  const err = await checkUrl(url, mode, resolve).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, url).toBeInstanceOf(HttpProblem);
  const problem = err as HttpProblem;
  expect(problem.status).toBe(422);
  expect(problem.errors?.[0]?.pointer).toBe('body/url');
  return problem.errors![0]!.message;
}

describe('webhook URL guard', () => {
  it.each([
    ['http://example.com/hook', 'must be https'],
    ['ftp://example.com/hook', 'must be https'],
    ['not a url', 'not a URL'],
    ['https://user:pw@example.com/', 'credentials'],
    ['https://127.0.0.1/', 'non-public'],
    ['https://10.1.2.3/', 'non-public'],
    ['https://172.16.0.1/', 'non-public'],
    ['https://172.31.255.255/', 'non-public'],
    ['https://192.168.1.1/', 'non-public'],
    ['https://169.254.169.254/latest/meta-data/', 'non-public'],
    ['https://100.64.0.1/', 'non-public'],
    ['https://0.0.0.0/', 'non-public'],
    ['https://[::1]/', 'non-public'],
    ['https://[fe80::1]/', 'non-public'],
    ['https://[fc00::1]/', 'non-public'],
    ['https://[fd00:ec2::254]/', 'non-public'],
    ['https://[::ffff:127.0.0.1]/', 'non-public'],
    ['https://[::ffff:169.254.169.254]/', 'non-public'],
    ['https://[::ffff:a9fe:a9fe]/', 'non-public'],
    ['https://[::ffff:10.0.0.1]/', 'non-public'],
    ['https://2130706433/', 'non-public'],
    ['https://0x7f.1/', 'non-public'],
  ])('refuses %s', async (url, message) => {
    expect(await refusal(url)).toContain(message);
  });

  it.each([
    ['127.0.0.1'],
    ['10.0.0.5'],
    ['169.254.169.254'],
    ['100.100.100.200'],
    ['::1'],
    ['::ffff:192.168.0.1'],
    ['0:0:0:0:0:ffff:7f00:1'],
    ['fd00:ec2::254'],
    ['fe80::abcd'],
  ])('refuses a name that resolves to %s', async (address) => {
    expect(await refusal('https://hooks.example.com/', answers(address))).toContain(address);
  });

  it('refuses when any one answer is private (a later connection could use it)', async () => {
    expect(
      await refusal('https://hooks.example.com/', answers('93.184.216.34', '10.0.0.1')),
    ).toContain('10.0.0.1');
  });

  it('refuses a name that does not resolve', async () => {
    const fail: Resolver = () => Promise.reject(new Error('ENOTFOUND'));
    expect(await refusal('https://nope.example/', fail)).toContain('does not resolve');
  });

  it('local mode allows plain http to loopback only', async () => {
    expect(await refusal('http://10.0.0.1/', publicDns, 'local')).toContain('loopback only');
    expect(await refusal('http://hooks.example.com/', publicDns, 'local')).toContain(
      'loopback only',
    );
    await expect(checkUrl('http://127.0.0.1:9999/h', 'local')).resolves.toMatchObject({
      address: '127.0.0.1',
    });
  });

  it('accepts a public https URL and pins the checked address', async () => {
    const checked = await checkUrl('https://hooks.example.com/x', 'cloud', publicDns);
    expect(checked).toMatchObject({ address: '93.184.216.34', family: 4 });
    expect(checked.url.hostname).toBe('hooks.example.com');
  });
});
