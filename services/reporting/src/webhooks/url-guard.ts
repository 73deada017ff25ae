import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { HttpProblem } from '@assay/platform';

/** `cloud`: https only, public addresses only. `local` (the local stack): http to loopback too. */
export type WebhookMode = 'cloud' | 'local';

export type Resolver = (host: string) => Promise<{ address: string; family: 4 | 6 }[]>;

export interface CheckedUrl {
  url: URL;
  /** The address that was checked; the sender connects to it and nothing else (no rebinding). */
  address: string;
  family: 4 | 6;
}

export const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })) as { address: string; family: 4 | 6 }[];

const forbidden = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  forbidden.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const)
  forbidden.addSubnet(net, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (any textual form, a dotted IPv4 tail included). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
    text =
      text.slice(0, -dotted.length) +
      `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16));
}

/** The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`) or -compatible IPv6 address. */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (g.slice(0, 5).some((x) => x !== 0) || (g[5] !== 0xffff && g[5] !== 0)) return undefined;
  return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join('.');
}

/** True for loopback, private, link-local, CGNAT, unique-local, metadata and other non-public addresses. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return forbidden.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  if (v4) return forbidden.check(v4, 'ipv4');
  // fc00::/7 covers the metadata service's fd00:ec2::254.
  return forbidden.check(address, 'ipv6');
}

function isLoopback(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return address.startsWith('127.');
  if (family !== 6) return false;
  const g = ipv6Groups(address);
  const v4 = embeddedIpv4(address);
  return (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) || (v4?.startsWith('127.') ?? false);
}

function refused(message: string): HttpProblem {
  return new HttpProblem(422, 'validation', 'Invalid request', 'Invalid fields: body/url', [
    { pointer: 'body/url', message },
  ]);
}

/**
 * Parses and checks a webhook URL, resolving its host once. Called at registration and again
 * before every send; the sender then connects to the returned address only.
 */
export async function checkUrl(
  raw: string,
  mode: WebhookMode,
  resolve: Resolver = systemResolver,
): Promise<CheckedUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused('not a URL');
  }
  if (url.username || url.password) throw refused('must not carry credentials');
  const local = mode === 'local' && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !local)
    throw refused(mode === 'local' ? 'must be https (or http to loopback)' : 'must be https');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let answers: { address: string; family: 4 | 6 }[];
  if (isIP(host)) answers = [{ address: host, family: isIP(host) as 4 | 6 }];
  else {
    try {
      answers = await resolve(host);
    } catch {
      throw refused(`the host ${host} does not resolve`);
    }
  }
  if (answers.length === 0) throw refused(`the host ${host} does not resolve`);
  // Every answer must pass: a resolver may hand a later connection any of them.
  for (const { address } of answers) {
    const allowed = local ? isLoopback(address) : !isForbiddenAddress(address);
    if (!allowed)
      throw refused(
        local
          ? `plain http is allowed to loopback only; ${host} resolves to ${address}`
          : `resolves to a non-public address (${address})`,
      );
  }
  return { url, address: answers[0]!.address, family: answers[0]!.family };
}
