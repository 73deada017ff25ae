import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '@assay/local';
import { apiClient } from '../support/api-client';
import { startTestStack } from '../support/stack';

// Operators manage tenants and keys with the real `assay` command against the running stack.
const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function assay(...args: string[]) {
  try {
    // The same entry point as `pnpm assay`, minus pnpm's own start-up time.
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'packages/cli/src/main.ts', ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoEndpoint,
          ASSAY_STAGE: process.env.ASSAY_STAGE,
          ASSAY_REGION: 'local',
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('assay tenant / assay key', () => {
  it('creates a tenant whose key works, lists it, adds and revokes a key', async () => {
    const created = await assay(
      'tenant',
      'create',
      '--name',
      'Riverside Family Practice',
      '--id',
      'riverside',
      '--json',
    );
    expect(created.code).toBe(0);
    const tenant = JSON.parse(created.stdout) as { tenantId: string; apiKey: string };
    expect(tenant.tenantId).toBe('riverside');
    expect((await apiClient(stack.url, tenant.apiKey).get('/v1/playbooks')).status).toBe(200);

    const listed = await assay('tenant', 'list', '--json');
    expect((JSON.parse(listed.stdout) as { tenantId: string }[]).map((t) => t.tenantId)).toContain(
      'riverside',
    );

    const key = JSON.parse(
      (await assay('key', 'create', '--tenant', 'riverside', '--scopes', 'read', '--json')).stdout,
    ) as {
      keyId: string;
      apiKey: string;
    };
    const reader = apiClient(stack.url, key.apiKey);
    expect((await reader.get('/v1/playbooks')).status).toBe(200);
    expect((await reader.post('/v1/playbooks', { title: 'x' })).status).toBe(403);

    expect((await assay('key', 'revoke', key.keyId)).code).toBe(0);
    expect((await reader.get('/v1/playbooks')).status).toBe(401);
  });

  it.each([
    [['tenant', 'create'], /--name is required/],
    [['tenant', 'create', '--name', 'X', '--id', 'Bad Id'], /--id must be/],
    [['key', 'create', '--tenant', 'nobody'], /no tenant nobody/],
    [['key', 'create', '--tenant', 'riverside', '--scopes', 'root'], /unknown scope "root"/],
    [['key', 'revoke', '0000000000000000'], /no key/],
    [['tenant', 'frobnicate'], /usage/],
  ])('assay %j fails with one clear line and exit 2', async (args, message) => {
    const out = await assay(...args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
