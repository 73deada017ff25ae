import { spawnSync } from 'node:child_process';

export const JAVA_HINT =
  'DynamoDB Local needs Java 17+: install it with `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or from https://adoptium.net';

/** The major version of the `java` on PATH, or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${out.stderr}${out.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

export function assertJava17(): void {
  const major = javaMajorVersion();
  if (major === undefined || major < 17) {
    throw new Error(
      major === undefined
        ? `Java not found. ${JAVA_HINT}`
        : `Java ${major} is too old. ${JAVA_HINT}`,
    );
  }
}
