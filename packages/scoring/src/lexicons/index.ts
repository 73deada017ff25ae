// Word lists the engine relies on. They are part of the scoring rules: any edit can move a
// score, so every edit bumps LEXICON_VERSION (reported on each scorecard) and is noted in
// docs/scoring.md. Entries are plain phrases, matched case-insensitively after stemming.

export const LEXICON_VERSION = '1.0.0';

/** Opening words of a greeting, matched at the start of the answer. */
export const GREETINGS = ['dear', 'hello', 'hi', 'hey', 'greetings', 'good morning', 'good afternoon', 'good evening'];

/** Closings, matched near the end of the answer. */
export const CLOSINGS = [
  'sincerely',
  'regards',
  'best regards',
  'kind regards',
  'warm regards',
  'best wishes',
  'all the best',
  'best',
  'thank you',
  'thanks',
  'many thanks',
  'respectfully',
  'yours truly',
  'take care',
  'cheers',
];

export const POLITENESS = [
  'please',
  'thank you',
  'thanks',
  'appreciate',
  'sorry',
  'apologize',
  'apologise',
  'i understand',
  'understandably',
  'happy to help',
  'glad to help',
  'happy to',
  'kindly',
  'would you mind',
  'could you',
  'would you',
  'feel free',
  "don't hesitate",
  'do not hesitate',
];

export const BLAME = [
  'you should have',
  "you shouldn't have",
  'you failed',
  'you forgot',
  "you didn't",
  'you did not',
  'you never',
  'you were supposed to',
  'your fault',
  'your mistake',
  'your responsibility',
  'not our fault',
  'not my fault',
  'not our problem',
  'not my problem',
  'as i already told',
  'as i said before',
  'obviously',
  'careless',
  'sloppy',
  'lazy',
  'incompetent',
  'messed up',
  'screwed up',
  'who keeps',
  'someone keeps',
  'somebody keeps',
  'whoever',
  'again and again',
  'unacceptable',
  'not acceptable',
  'ridiculous',
  'how hard is it',
  'how many times',
  'needs to stop',
];

/** Billing jargon a patient should not meet unexplained. */
export const JARGON = [
  'eob',
  'era',
  'cpt',
  'hcpcs',
  'icd',
  'icd-10',
  'adjudication',
  'adjudicated',
  'adjudicate',
  'carc',
  'rarc',
  'allowed amount',
  'contractual adjustment',
  'remittance',
  'clearinghouse',
  'cob',
  'coordination of benefits',
  'oop',
  'pr-1',
  'co-45',
  '835',
  '837',
  'cms-1500',
  'ub-04',
  'e/m',
  'modifier',
  'payer',
];

/** Words that, right after a jargon term, introduce its plain explanation. */
export const GLOSS_MARKERS = ['which', 'meaning', 'means', 'i.e', 'that is', 'is the', 'is a', 'is your', 'stands for', 'also called', 'or'];

/** Phrases that steer a reader toward a wanted answer (e.g. the higher-paying code). */
export const LEADING = [
  'higher paying',
  'higher-paying',
  'pays more',
  'pay more',
  'paid more',
  'more money',
  'more revenue',
  'better reimbursement',
  'higher reimbursement',
  'maximize reimbursement',
  'maximise reimbursement',
  'bump it up',
  'bump up',
  'upcode',
  'upgrade the level',
  'support a level 4',
  'support level 4',
  'support the higher',
  'bill the higher',
  'bill a level 4',
  'bill it as a level 4',
  'should be a level 4',
  'should be level 4',
  'looks like a level 4',
  'clearly a level 4',
  'would you agree',
  "don't you think",
  'so we can bill',
  'so we get paid',
  'add documentation to support',
];

/** Words that negate what follows them in the same clause. Any word ending in n't also does. */
export const NEGATORS = ['not', 'never', 'no', 'cannot', 'cant', 'dont', 'wont', 'without', 'nor', 'neither', 'avoid', 'skip', 'refuse'];

/** Words after a negator that cancel it: "don't forget to resubmit" still means resubmit. */
export const NEGATION_CANCELLERS = ['forget', 'fail', 'hesitate', 'skip', 'neglect', 'delay', 'miss', 'omit', 'overlook', 'stop', 'wait'];

/** Two-word negators: "instead of resubmitting", "rather than appealing". */
export const NEGATING_PAIRS: [string, string][] = [
  ['instead', 'of'],
  ['rather', 'than'],
];

/** Words that open a new clause: negation and step credit do not cross them. */
export const CLAUSE_OPENERS = [
  'but', 'then', 'however', 'instead', 'otherwise', 'although', 'though', 'whereas', 'unless', 'because', 'since', 'until',
];

/** After "and", these words show a new clause begins ("…, and I would call the payer"). */
export const NEW_SUBJECTS = ['i', "i'd", "i'll", 'we', "we'd", "we'll", 'then', 'also', 'you', 'they'];

/** Action verbs (base forms, plus irregular past forms) that make a clause describe doing something. */
export const ACTION_VERBS = [
  'access', 'add', 'adjust', 'alert', 'amend', 'analyse', 'analyze', 'append', 'apply', 'appeal', 'arrange', 'ask', 'assess',
  'assign', 'attach', 'audit', 'bill', 'calculate', 'call', 'capture', 'change', 'check', 'clarify', 'code', 'collect',
  'communicate', 'compare', 'compile', 'complete', 'confirm', 'contact', 'correct', 'create', 'credit', 'determine',
  'discuss', 'dispute', 'document', 'draft', 'edit', 'educate', 'email', 'enter', 'ensure', 'escalate', 'establish',
  'evaluate', 'explain', 'file', 'find', 'fix', 'flag', 'follow', 'forward', 'gather', 'get', 'give', 'identify',
  'implement', 'include', 'inform', 'input', 'investigate', 'issue', 'keep', 'locate', 'log', 'look', 'mail', 'make',
  'match', 'monitor', 'note', 'notify', 'obtain', 'offer', 'open', 'pay', 'phone', 'post', 'prepare', 'prevent',
  'print', 'prioritise', 'prioritize', 'pull', 'put', 'query', 'rank', 'read', 'rebill', 'recheck', 'reconcile', 'record',
  'refer', 'refile', 'register', 'remind', 'report', 'request', 'research', 'resend', 'resolve', 'resubmit', 'retrieve',
  'review', 'route', 'run', 'schedule', 'scrub', 'search', 'secure', 'send', 'set', 'sort', 'start', 'submit', 'take',
  'talk', 'tell', 'track', 'train', 'transfer', 'update', 'upload', 'use', 'validate', 'verify', 'wait', 'work', 'write',
  'help', 'involve', 'let', 'loop', 'provide', 'raise', 'reach', 'speak', 'try',
  'found', 'gave', 'got', 'kept', 'made', 'paid', 'sent', 'spoke', 'took', 'told', 'wrote',
];

/** Function words: their presence is what separates a sentence from a keyword list. */
export const FUNCTION_WORDS = [
  'a', 'an', 'the', 'to', 'of', 'for', 'with', 'on', 'in', 'at', 'by', 'from', 'into', 'about', 'and', 'or', 'if', 'so',
  'as', 'before', 'after', 'until', 'once', 'when', 'while', 'then', 'i', 'we', 'you', 'it', 'they', 'he', 'she', 'me',
  'us', 'them', 'my', 'our', 'your', 'their', 'his', 'her', 'its', 'this', 'that', 'these', 'those', 'is', 'are', 'was',
  'were', 'be', 'been', 'being', 'would', 'will', 'should', 'can', 'could', 'may', 'might', 'must', 'shall', 'do', 'does',
  'did', 'have', 'has', 'had', 'any', 'all', 'each', 'every', 'which', 'who', 'what', 'there', "i'd", "i'll", "i'm",
  "we'd", "we'll", "it's", 'not', 'no', 'never',
];

/** Abbreviations whose period does not end a sentence. */
export const ABBREVIATIONS = ['dr', 'mr', 'mrs', 'ms', 'st', 'vs', 'etc', 'e', 'i', 'g', 'jr', 'sr', 'dept', 'approx', 'inc'];
