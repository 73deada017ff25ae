import { InvalidPatternError } from './pattern-errors';

/**
 * Compiles an EventBridge `wildcard` value to an anchored RegExp: `*` matches any run of
 * characters (including none), `\*` is a literal star and `\\` a literal backslash. Like AWS,
 * it rejects consecutive wildcards (`**`) and any other backslash escape.
 */
export function compileWildcard(value: string, path: string): RegExp {
  let source = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    if (char === '*') {
      if (value[i + 1] === '*') {
        throw new InvalidPatternError(`Consecutive wildcard characters at position ${i}`, path);
      }
      source += '[\\s\\S]*';
    } else if (char === '\\') {
      const next = value[i + 1];
      if (next !== '*' && next !== '\\') {
        throw new InvalidPatternError(`Invalid escape character at position ${i}`, path);
      }
      source += escapeRegExp(next);
      i++;
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
