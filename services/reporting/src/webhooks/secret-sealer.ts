import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';

/** Where data keys come from: KMS in AWS, a key file (or memory) on the local stack. */
export interface DataKeys {
  /** The key new values are sealed with, and the name (a wrapped key) stored beside them. */
  current(): Promise<{ key: Buffer; wrapped: string }>;
  /** The key a stored name stands for. */
  unwrap(wrapped: string): Promise<Buffer>;
}

/** A sealed value that cannot be opened: tampered, moved to another record, or another key's. */
export class SealedSecretError extends Error {
  override name = 'SealedSecretError';
}

const VERSION = 'v1';
const b64 = (b: Buffer) => b.toString('base64url');

/**
 * Envelope encryption of small secrets (webhook signing secrets, partner keys): AES-256-GCM
 * under a data key, the data key stored wrapped next to the value. `context` (tenant and record
 * id) is authenticated too, so a sealed value copied onto another record fails to open.
 */
export class SecretSealer {
  constructor(private readonly keys: DataKeys) {}

  async seal(plaintext: string, context: string): Promise<string> {
    const { key, wrapped } = await this.keys.current();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, wrapped, b64(iv), b64(ct), b64(cipher.getAuthTag())].join('.');
  }

  async open(sealed: string, context: string): Promise<string> {
    const [version, wrapped, iv, ct, tag, ...rest] = sealed.split('.');
    if (version !== VERSION || !wrapped || !iv || !ct || !tag || rest.length > 0)
      throw new SealedSecretError('sealed secret is malformed');
    let key: Buffer;
    try {
      key = await this.keys.unwrap(wrapped);
    } catch (err) {
      throw new SealedSecretError(
        `sealed secret's data key cannot be unwrapped: ${(err as Error).message}`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ct, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      // GCM refuses any change to the ciphertext, tag, IV or context: fail closed.
      throw new SealedSecretError('sealed secret failed authentication (tampered or moved)');
    }
  }
}

/**
 * One local key: read from (or created in) `keyFile` with owner-only permissions, or random in
 * memory when there is no file (in-memory stacks keep nothing anyway).
 */
export function localDataKeys(keyFile?: string): DataKeys {
  let key: Buffer;
  if (keyFile && existsSync(keyFile)) {
    key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${keyFile} does not hold a 256-bit base64 key`);
  } else {
    key = randomBytes(32);
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    }
  }
  // The name says which local key sealed a value without revealing it.
  const wrapped = `local-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  return {
    current: async () => ({ key, wrapped }),
    unwrap: async (name) => {
      if (name !== wrapped) throw new Error('sealed with another local key than this stack has');
      return key;
    },
  };
}

const KMS_CONTEXT = { purpose: 'assay-sealed-secrets' };

/**
 * Data keys from a KMS key: one GenerateDataKey per container, and one Decrypt per wrapped key
 * seen (both cached for the container's life), so sealing stays off the request's hot path.
 */
export function kmsDataKeys(keyId: string, client: KMSClient = new KMSClient({})): DataKeys {
  let current: Promise<{ key: Buffer; wrapped: string }> | undefined;
  const opened = new Map<string, Promise<Buffer>>();
  return {
    current: () =>
      (current ??= client
        .send(
          new GenerateDataKeyCommand({
            KeyId: keyId,
            KeySpec: 'AES_256',
            EncryptionContext: KMS_CONTEXT,
          }),
        )
        .then((out) => {
          const key = Buffer.from(out.Plaintext!);
          const wrapped = b64(Buffer.from(out.CiphertextBlob!));
          opened.set(wrapped, Promise.resolve(key));
          return { key, wrapped };
        })
        .catch((err: unknown) => {
          current = undefined;
          throw err;
        })),
    unwrap: (wrapped) => {
      let key = opened.get(wrapped);
      if (!key) {
        key = client
          .send(
            new DecryptCommand({
              KeyId: keyId,
              CiphertextBlob: Buffer.from(wrapped, 'base64url'),
              EncryptionContext: KMS_CONTEXT,
            }),
          )
          .then((out) => Buffer.from(out.Plaintext!));
        key.catch(() => opened.delete(wrapped));
        opened.set(wrapped, key);
      }
      return key;
    },
  };
}

/**
 * Chosen like the webhook mode: the local stack (ASSAY_WEBHOOKS_MODE=local) seals with its key
 * file (ASSAY_SEALING_KEY_FILE) or an in-memory key; anything else needs the stack's KMS key.
 */
export function sealerFromEnv(env = process.env): SecretSealer {
  if (env.ASSAY_WEBHOOKS_MODE === 'local')
    return new SecretSealer(localDataKeys(env.ASSAY_SEALING_KEY_FILE));
  const keyId = env.ASSAY_SEALING_KMS_KEY_ARN;
  if (!keyId) throw new Error('ASSAY_SEALING_KMS_KEY_ARN is not set: secrets cannot be sealed');
  return new SecretSealer(kmsDataKeys(keyId));
}
