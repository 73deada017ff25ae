import { describe, expect, it } from 'vitest';
import { analyze } from '../src/text/analyze';
import { foldCase, normalizeText } from '../src/text/normalize';
import { compilePhrases, findPhrases, matchText } from '../src/text/phrases';
import { fleschKincaidGrade, syllables } from '../src/text/readability';
import { stem } from '../src/text/stem';

const clauses = (text: string) => {
  const doc = analyze(text);
  return doc.clauses.map((c) => ({
    words: doc.tokens
      .slice(c.first, c.end)
      .map((t) => t.word)
      .join(' '),
    negatedBy: c.negator === -1 ? null : doc.tokens[c.negator]!.word,
  }));
};

describe('normalisation', () => {
  it('composes to NFC and flattens typographic quotes and dashes', () => {
    expect(normalizeText('cafe\u0301 don\u2019t \u2014 x')).toBe("café don't - x");
  });

  it('folds case without the locale (Turkish dotted I stays deterministic)', () => {
    expect(foldCase('RESUBMIT İ')).toBe('resubmit i\u0307');
  });
});

describe('stemming', () => {
  it.each([
    ['resubmitted', 'resubmit'],
    ['resubmitting', 'resubmit'],
    ['verified', 'verifi'],
    ['verify', 'verifi'],
    ['deductibles', 'deduct'],
    ["patient's", 'patient'],
    ['conflated', 'conflat'],
    ['generalization', 'gener'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('leaves numbers and non a–z words alone', () => {
    expect(stem('1234567893')).toBe('1234567893');
    expect(stem('o80')).toBe('o80');
  });
});

describe('analysis', () => {
  it('normalises numbers so "$1,000.00" reads as 1000', () => {
    expect(analyze('Total $1,000.00 and 7.5%').tokens.map((t) => t.word)).toEqual([
      'total',
      '1000',
      'and',
      '7.5',
    ]);
  });

  it('splits sentences at . ! ? and line breaks, not after abbreviations or list markers', () => {
    const doc = analyze('1. Ask Dr. Brown, e.g. by phone.\n2. Then wait! Done');
    expect(doc.sentences).toHaveLength(3);
    expect(doc.tokens[0]!.word).toBe('ask');
  });

  it('scopes negation to its clause', () => {
    expect(clauses('I would not resubmit, and I would call the payer.')).toEqual([
      { words: 'i would not resubmit', negatedBy: 'not' },
      { words: 'and i would call the payer', negatedBy: null },
    ]);
    expect(clauses("Don't resubmit but appeal").map((c) => c.negatedBy)).toEqual(["don't", null]);
    expect(clauses('appeal instead of resubmitting').map((c) => c.negatedBy)).toEqual([
      null,
      'instead',
    ]);
  });

  it('treats "don\'t forget to" and "never skip" as affirmative', () => {
    expect(
      clauses("Don't forget to follow up. Never skip verifying eligibility.").map(
        (c) => c.negatedBy,
      ),
    ).toEqual([null, null]);
  });

  it('does not read "no-auth" as a negation', () => {
    expect(clauses('Use the no-auth appeal route')[0]!.negatedBy).toBeNull();
  });

  it('marks keyword runs: few function words, or a long run without commas or a stop', () => {
    const runs = (text: string) => analyze(text).sentences.map((s) => s.keywordRun);
    expect(
      runs('rejected old NPI corrected resubmitting double-check NPI 1234567893 thanks team'),
    ).toEqual([true]);
    expect(
      runs(
        'this is billing office date of birth verify balance past due insurance paid payment plan pay today by card any questions thank you',
      ),
    ).toEqual([true]);
    expect(runs('Please use the correct NPI 1234567893 on new claims.')).toEqual([false]);
    expect(
      runs(
        'I looked at the account and the insurance paid its share so the balance is what the plan says you owe for this visit.',
      ),
    ).toEqual([false]);
  });

  it('counts action verbs and function words per clause', () => {
    const doc = analyze('I would resubmit the claim');
    expect(doc.clauses[0]).toMatchObject({ verbs: 1, functionWords: 3 });
    expect(analyze('denial modifier timely deadline').clauses[0]).toMatchObject({
      verbs: 0,
      functionWords: 0,
    });
  });
});

describe('phrases', () => {
  it('matches loose phrases across a few filler words, inside one clause', () => {
    const set = compilePhrases([['verify eligibility']], 'loose');
    const doc = analyze("First verify the patient's insurance eligibility. Verify. Eligibility.");
    const matches = findPhrases(set, doc);
    expect(matches.map((m) => matchText(doc, m))).toEqual([
      "verify the patient's insurance eligibility",
    ]);
  });

  it('matches exact phrases word for word', () => {
    const set = compilePhrases([['you should have']], 'exact');
    expect(findPhrases(set, analyze('You should have paid.'))).toHaveLength(1);
    expect(findPhrases(set, analyze('You really should have paid.'))).toHaveLength(0);
  });

  it('matches inflections through stems, in phrase order', () => {
    const set = compilePhrases([['resubmit the claim']], 'loose');
    expect(findPhrases(set, analyze('The claims were resubmitted'))).toHaveLength(0);
    expect(findPhrases(set, analyze('resubmitting claims'))).toHaveLength(1);
  });
});

describe('readability', () => {
  it('counts syllables by vowel groups', () => {
    expect(syllables('the')).toBe(1);
    expect(syllables('insurance')).toBe(3);
    expect(syllables('deductible')).toBe(4);
  });

  it('grades plain text lower than dense text', () => {
    const plain = fleschKincaidGrade(
      analyze('We got your note. The bill is for your visit. You can pay it online.'),
    );
    const dense = fleschKincaidGrade(
      analyze(
        'Adjudication of the aforementioned professional claim necessitated application of contractual obligations.',
      ),
    );
    expect(plain).toBeLessThan(4);
    expect(dense).toBeGreaterThan(15);
  });
});
