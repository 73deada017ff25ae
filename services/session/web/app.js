/* global document, location, addEventListener */
// The candidate's page: welcome → sections → review → end. No framework; all text goes in
// through textContent, never HTML. The server's deadline is the truth; the clock here only shows it.
const token = decodeURIComponent(location.pathname.split('/').pop() ?? '');
const main = document.getElementById('main');
const announce = document.getElementById('announce');
// Every change is kept on this device at once (localStorage), so a reload, a crash or a dropped
// connection loses nothing. The server gets the changed answers and the pending integrity
// signals in one request (POST …/sync): on leaving a screen, before submitting, when the page is
// hidden, and otherwise at most every SYNC_INTERVAL_MS while something is unsynced. Each request
// costs (docs/cost.md), so the interval is long; what it risks is only a lost device.
const SYNC_INTERVAL_MS = 180_000;
// Without device storage (private mode, quota) the server is the only copy: sync sooner.
const UNSTORED_SYNC_MS = 30_000;
/** The sync route takes at most this many answers and this many signals a request. */
const SYNC_BATCH = 100;
/** Failed syncs retry after 2 s, doubling to a minute (or as Retry-After says). */
const RETRY_MS = { first: 2_000, max: 60_000 };
/** keepalive requests (which outlive a closed page) are limited to 64 KB in flight. */
const KEEPALIVE_MAX_BYTES = 60_000;
const STORE_PREFIX = 'assay.take.';
/** Entries left behind (a session never finished on this device) are dropped after this. */
const STORE_MAX_AGE_MS = 2 * 86_400_000;

const state = {
  take: null,
  session: null,
  section: 0,
  /** Item id → { answer, seq } as the page knows it (the device's copy merged over the server's). */
  answers: {},
  /** Item id → { seq, json } the server is known to hold, so unchanged answers are not sent. */
  server: {},
  /** Integrity signals not yet acknowledged by the server (oldest first). */
  signals: [],
  /** Whether this device keeps a copy (localStorage works). */
  stored: false,
  sync: {
    /** The interval (or unstored) timer, the retry timer, the drain in progress. */
    timer: undefined,
    retryTimer: undefined,
    running: undefined,
    /** Another sync was asked for while one ran. */
    again: false,
    /** The signals sent and not yet acknowledged: resent exactly so (see nextBatch). */
    signalBatch: undefined,
    retries: 0,
    failing: false,
    /** The server refused this session's answers (409/410): nothing more is sent. */
    refused: false,
    lastOkAt: undefined,
  },
  /** Server clock minus this clock, so the countdown matches the server's deadline. */
  skew: 0,
  announced: new Set(),
  tick: undefined,
  ending: false,
  done: false,
};

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c);
  return el;
}

async function call(method, path, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const res = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: payload,
    // Small requests may outlive the page (closed tab, reload) and still arrive.
    keepalive:
      payload !== undefined && new TextEncoder().encode(payload).length < KEEPALIVE_MAX_BYTES,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok)
    throw Object.assign(new Error(json.detail ?? res.statusText), {
      status: res.status,
      problem: json,
      retryAfter: Number(res.headers.get('retry-after')) || undefined,
    });
  return json;
}

/** Replaces the screen and moves focus to its heading, so keyboard and reader users follow. */
function show(title, ...content) {
  // Leaving a screen sends what is unsynced at once (nothing is sent when nothing changed).
  void sync();
  document.title = `${title} – Assessment`;
  const heading = h('h1', { tabindex: '-1', text: title });
  main.replaceChildren(heading, ...content.flat().filter(Boolean));
  heading.focus();
}

function unavailable(err) {
  clearInterval(state.tick);
  document.getElementById('timer').hidden = true;
  const gone = err.status === 410 || err.status === 401 || err.status === 404;
  if (gone && state.session) {
    // Withdrawn or erased: nothing more is sent, and nothing is kept on this device.
    state.done = true;
    device.clear(state.session.id);
  }
  show(
    gone ? 'This link no longer works' : 'Something went wrong',
    h('p', { text: gone ? err.message : 'Please reload the page. Your saved answers are kept.' }),
    gone
      ? h('p', { text: 'If you think this is a mistake, contact the employer who invited you.' })
      : null,
  );
}

// ─── Screens ────────────────────────────────────────────────────────────────

function welcome() {
  const { assessment, candidateName } = state.take;
  show(
    assessment.title,
    h('p', { text: `Welcome, ${candidateName}.` }),
    h('h2', { text: 'Before you start' }),
    h(
      'ul',
      {},
      h('li', {
        text: `You have ${formatMinutes(assessment.timeLimitMinutes)} once you press Start. The clock keeps running if you close the page.`,
      }),
      h('li', {
        text: `There are ${assessment.itemCount} questions in ${assessment.sections.length} sections; move between sections freely.`,
      }),
      state.stored
        ? h('li', {
            text: 'Your answers are saved in this browser as you type, and sent to us every few minutes, when you change section and before you submit. If your connection drops, carry on: they are sent once it is back.',
          })
        : h('li', {
            text: 'Answers save automatically. If your connection drops, reopen this link to carry on.',
          }),
      state.stored
        ? h('li', {
            text: 'If the page closes, reopen this link on this device to find every answer; on another device you find the answers sent so far.',
          })
        : null,
      h('li', { text: 'When time runs out, the answers sent so far are submitted for you.' }),
    ),
    h('h2', { text: 'Sections' }),
    h(
      'ol',
      {},
      assessment.sections.map((s) => h('li', { text: `${s.title} (${s.items} questions)` })),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', id: 'start', onclick: start, text: 'Start the assessment' }),
    ),
  );
}

async function start(event) {
  event.target.disabled = true;
  try {
    await call('POST', `/v1/take/${encodeURIComponent(token)}/start`);
    // Read it back for the server's clock (a resumed session's startedAt is not "now").
    await load();
  } catch (err) {
    unavailable(err);
  }
}

function begin(session) {
  state.session = session;
  state.answers = {};
  state.server = {};
  for (const [id, { answer, seq }] of Object.entries(session.answers)) {
    state.answers[id] = { answer, seq };
    state.server[id] = { seq, json: stable(answer) };
  }
  if (session.status === 'submitted') return finished(session.reason);
  // This device's copy wins where it is newer (typed before a reload, a crash or offline).
  const kept = device.read(session.id);
  if (kept) {
    for (const [id, a] of Object.entries(kept.answers ?? {}))
      if (a?.answer && a.seq > (state.answers[id]?.seq ?? 0)) state.answers[id] = a;
    if (Array.isArray(kept.signals)) state.signals = kept.signals;
    if (kept.sending) state.sync.signalBatch = state.signals.slice(0, kept.sending);
  }
  device.write();
  document.getElementById('timer').hidden = false;
  clearInterval(state.tick);
  state.tick = setInterval(tick, 1000);
  tick();
  sectionScreen(0);
}

function sections() {
  const { form } = state.session;
  return form.sections.map((s) => ({ ...s, items: form.items.filter((i) => i.section === s.id) }));
}

function sectionNav(current) {
  return h(
    'nav',
    { 'aria-label': 'Sections' },
    h(
      'ol',
      {},
      sections().map((s, i) =>
        h(
          'li',
          {},
          h('button', {
            type: 'button',
            class: 'secondary',
            'aria-current': i === current ? 'step' : undefined,
            onclick: () => sectionScreen(i),
            text: `${i + 1}. ${s.title}`,
          }),
        ),
      ),
      h(
        'li',
        {},
        h('button', {
          type: 'button',
          class: 'secondary',
          onclick: review,
          text: 'Review and submit',
        }),
      ),
    ),
  );
}

function sectionScreen(index) {
  state.section = index;
  const all = sections();
  const s = all[index];
  show(
    `Section ${index + 1} of ${all.length}: ${s.title}`,
    sectionNav(index),
    s.description ? h('p', { class: 'hint', text: s.description }) : null,
    statusLine(),
    s.items.map((item, i) => itemField(item, i + 1)),
    h(
      'div',
      { class: 'actions' },
      index > 0
        ? h('button', {
            type: 'button',
            class: 'secondary',
            onclick: () => sectionScreen(index - 1),
            text: 'Previous section',
          })
        : null,
      index < all.length - 1
        ? h('button', {
            type: 'button',
            onclick: () => sectionScreen(index + 1),
            text: 'Next section',
          })
        : h('button', { type: 'button', onclick: review, text: 'Review and submit' }),
    ),
  );
  state.shownAt = { item: null, at: Date.now() };
}

function itemField(item, n) {
  const saved = state.answers[item.id]?.answer ?? {};
  const id = (suffix) => `${item.id}-${suffix}`;
  const radios = (name, options, checked, onPick) =>
    options.map((o) =>
      h(
        'label',
        { class: 'choice' },
        h('input', {
          type: 'radio',
          name,
          value: o.id,
          checked: checked === o.id,
          onchange: () => onPick(o.id),
        }),
        h('span', { text: o.text }),
      ),
    );
  let control;
  if (item.type === 'sjt') {
    const answer = { ...saved };
    const pick = (field) => (value) => {
      answer[field] = value;
      if (answer.best && answer.worst && answer.best !== answer.worst)
        change(item.id, { best: answer.best, worst: answer.worst });
    };
    control = [
      h(
        'fieldset',
        { class: 'pick' },
        h('legend', { text: 'Most effective (best)' }),
        radios(id('best'), item.options, saved.best, pick('best')),
      ),
      h(
        'fieldset',
        { class: 'pick' },
        h('legend', { text: 'Least effective (worst)' }),
        radios(id('worst'), item.options, saved.worst, pick('worst')),
      ),
    ];
  } else if (item.type === 'detail' && item.response.kind === 'choice') {
    control = radios(id('choice'), item.response.options, saved.choice, (choice) =>
      change(item.id, { choice }),
    );
  } else if (item.type === 'detail') {
    const unit = {
      usd: 'in US dollars',
      percent: 'as a percentage',
      days: 'in days',
      count: 'as a count',
    }[item.response.unit];
    control = h(
      'label',
      {},
      h('span', { class: 'hint', text: unit ? `Your answer (${unit})` : 'Your answer' }),
      h('input', {
        type: 'text',
        inputmode: 'decimal',
        autocomplete: 'off',
        id: id('value'),
        value: saved.value ?? '',
        oninput: (e) => change(item.id, { value: e.target.value }),
      }),
    );
  } else {
    control = h(
      'label',
      {},
      h('span', { class: 'hint', text: 'Your answer' }),
      h('textarea', {
        id: id('text'),
        rows: '8',
        spellcheck: 'true',
        oninput: (e) => change(item.id, { text: e.target.value }),
        onpaste: (e) =>
          signal({
            kind: 'paste',
            itemId: item.id,
            chars: (e.clipboardData?.getData('text') ?? '').length,
          }),
        onfocus: () => timeOn(item.id),
      }),
    );
    control.querySelector('textarea').value = saved.text ?? '';
  }
  return h(
    'fieldset',
    { id: `item-${item.id}`, onfocusin: () => timeOn(item.id) },
    h('legend', { text: `Question ${n}` }),
    h('p', { class: 'prompt', text: item.prompt }),
    item.exhibit
      ? h('div', {
          class: 'exhibit',
          role: 'region',
          'aria-label': `Exhibit for question ${n}`,
          tabindex: '0',
          text: item.exhibit,
        })
      : null,
    h('p', { class: 'hint', text: item.instructions }),
    control,
  );
}

function review() {
  const all = sections();
  const missing = state.session.form.items.filter((i) => !state.answers[i.id]).length;
  show(
    'Review and submit',
    sectionNav(-1),
    h('p', {
      text: missing
        ? `${missing} question${missing === 1 ? ' is' : 's are'} unanswered. You can still go back.`
        : 'Every question has an answer.',
    }),
    h(
      'ul',
      { class: 'review' },
      all.map((s, i) => {
        const open = s.items.filter((item) => !state.answers[item.id]).length;
        return h(
          'li',
          {},
          h('button', {
            type: 'button',
            class: 'secondary',
            onclick: () => sectionScreen(i),
            text: s.title,
          }),
          ' ',
          h('span', {
            class: open ? 'missing' : undefined,
            text: open ? `${open} unanswered` : 'all answered',
          }),
        );
      }),
    ),
    statusLine(),
    h('p', { text: 'After you submit you cannot change your answers.' }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', id: 'submit', onclick: submit, text: 'Submit my answers' }),
    ),
  );
}

/** Sends what is unsynced, then submits; at time-up it submits even if that sync failed. */
async function submit(event) {
  if (event) event.target.disabled = true;
  if (state.ending) return;
  state.ending = true;
  try {
    // 'refused' (time up, already submitted) still submits: the server says how it ended.
    if ((await sync()) === 'failed' && event) throw new Error('not synced');
    const result = await call('POST', `/v1/sessions/${state.session.id}/submit`);
    finished(result.reason);
  } catch (err) {
    state.ending = false;
    if (err.status === 409 || err.status === 410) return load();
    if (event) event.target.disabled = false;
    setStatus('Could not submit. Check your connection and try again; your answers are kept.');
  }
}

function finished(reason) {
  state.done = true;
  clearTimeout(state.sync.timer);
  clearTimeout(state.sync.retryTimer);
  device.clear(state.session.id);
  clearInterval(state.tick);
  document.getElementById('timer').hidden = true;
  show(
    reason === 'time-expired'
      ? 'Time is up: your answers were submitted'
      : 'Thank you: your answers were submitted',
    h('p', {
      text: 'Your assessment is complete. The employer will be in touch about next steps.',
    }),
    h('p', { text: 'You can close this page.' }),
  );
}

// ─── Kept on this device ────────────────────────────────────────────────────

/** JSON with sorted keys, so an answer compares equal however its keys came back. */
function stable(answer) {
  return JSON.stringify(answer, Object.keys(answer ?? {}).sort());
}

// One localStorage entry per session: its answers (with seq) and the unsent signals. Any
// failure (private mode, quota, blocked storage) quietly leaves the server as the only copy.
const device = {
  works() {
    try {
      const probe = `${STORE_PREFIX}probe`;
      localStorage.setItem(probe, '1');
      localStorage.removeItem(probe);
      device.prune();
      return true;
    } catch {
      return false;
    }
  },
  /** Drops entries of sessions never finished on this device, once they are old. */
  prune() {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (!key?.startsWith(STORE_PREFIX)) continue;
      let at = 0;
      try {
        at = Number(JSON.parse(localStorage.getItem(key)).updatedAt) || 0;
      } catch {
        // unreadable: dropped below
      }
      if (Date.now() - at > STORE_MAX_AGE_MS) localStorage.removeItem(key);
    }
  },
  read(sessionId) {
    if (!state.stored) return undefined;
    try {
      return JSON.parse(localStorage.getItem(STORE_PREFIX + sessionId) ?? 'null') ?? undefined;
    } catch {
      return undefined;
    }
  },
  write() {
    if (!state.stored || !state.session || state.done) return;
    try {
      localStorage.setItem(
        STORE_PREFIX + state.session.id,
        JSON.stringify({
          updatedAt: Date.now(),
          answers: state.answers,
          signals: state.signals,
          sending: state.sync.signalBatch?.length,
        }),
      );
    } catch {
      // Full or refused now: the server becomes the only copy, so sync as often as that needs.
      state.stored = false;
      device.clear(state.session.id);
      clearTimeout(state.sync.timer);
      state.sync.timer = undefined;
      scheduleSync();
    }
  },
  clear(sessionId) {
    try {
      localStorage.removeItem(STORE_PREFIX + sessionId);
    } catch {
      // nothing kept, nothing to clear
    }
  },
};

// ─── Sync ───────────────────────────────────────────────────────────────────

/** The candidate changed an answer: kept here at once, sent with the next sync. */
function change(itemId, answer) {
  const seq = Math.max(state.answers[itemId]?.seq ?? 0, state.server[itemId]?.seq ?? 0) + 1;
  state.answers[itemId] = { answer, seq };
  device.write();
  scheduleSync();
  showSyncState();
}

/** Answers the server does not hold yet; an answer changed back to what it holds is not sent. */
function unsyncedAnswers() {
  return Object.entries(state.answers)
    .filter(
      ([id, a]) =>
        a.seq > (state.server[id]?.seq ?? 0) && stable(a.answer) !== state.server[id]?.json,
    )
    .map(([itemId, a]) => ({ itemId, seq: a.seq, answer: a.answer }));
}

function unsynced() {
  return state.signals.length > 0 || unsyncedAnswers().length > 0;
}

/** Arms the next sync, SYNC_INTERVAL_MS after the first change since the last one. */
function scheduleSync() {
  const s = state.sync;
  if (s.timer || s.running || s.retryTimer || s.refused || state.done || !state.session) return;
  if (!unsynced()) return;
  const delay = state.stored
    ? SYNC_INTERVAL_MS
    : Math.max(1_000, (s.lastOkAt ?? 0) + UNSTORED_SYNC_MS - Date.now());
  s.timer = setTimeout(() => {
    s.timer = undefined;
    void sync();
  }, delay);
}

/**
 * Sends what is unsynced now (after a sync in progress, then what changed meanwhile). Resolves
 * 'ok' once the server holds it all, 'failed' (a retry is scheduled) or 'refused' (409/410).
 */
function sync() {
  const s = state.sync;
  if (!state.session || state.done) return Promise.resolve('ok');
  if (s.refused) return Promise.resolve('refused');
  clearTimeout(s.timer);
  s.timer = undefined;
  if (s.running) {
    s.again = true;
    return s.running;
  }
  clearTimeout(s.retryTimer);
  s.retryTimer = undefined;
  s.running = drain().finally(() => {
    s.running = undefined;
    scheduleSync();
  });
  return s.running;
}

async function drain() {
  let result;
  do {
    state.sync.again = false;
    result = await sendBatch();
  } while (result === 'more' || (result === 'ok' && state.sync.again));
  return result;
}

/**
 * The latest unsynced answers (seq makes a resent one harmless) and the oldest signals. Signals
 * that may have arrived unacknowledged (a failed request, a reload) go again exactly as before:
 * the server keys a batch of signals by its content, so it records them once.
 */
function nextBatch() {
  const s = state.sync;
  const answers = unsyncedAnswers().slice(0, SYNC_BATCH);
  if (!s.signalBatch && state.signals.length) {
    s.signalBatch = state.signals.slice(0, SYNC_BATCH);
    device.write();
  }
  const signals = s.signalBatch ?? [];
  if (!answers.length && !signals.length) return undefined;
  return { ...(answers.length ? { answers } : {}), ...(signals.length ? { signals } : {}) };
}

async function sendBatch() {
  const s = state.sync;
  const body = nextBatch();
  if (!body) return 'ok';
  try {
    const res = await call('POST', `/v1/sessions/${state.session.id}/sync`, body);
    acknowledge(body, res);
    s.retries = 0;
    s.failing = false;
    s.lastOkAt = Date.now();
    device.write();
    showSyncState();
    const full = body.answers?.length === SYNC_BATCH || body.signals?.length === SYNC_BATCH;
    return full && unsynced() ? 'more' : 'ok';
  } catch (err) {
    if (err.status === 409 || err.status === 410) {
      // Submitted, time up, withdrawn or erased: show the take as it now is.
      s.refused = true;
      if (!state.ending) void load();
      return 'refused';
    }
    if (err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429) {
      // A request the server refuses as such (422) would fail again: dropped, not retried.
      acknowledge(body, {});
      return 'ok';
    }
    // The network or the server's transient trouble: retry with backoff, or as it asks.
    s.failing = true;
    const backoff = Math.min(RETRY_MS.max, RETRY_MS.first * 2 ** s.retries);
    const delay = err.retryAfter ? err.retryAfter * 1000 : backoff * (0.5 + Math.random() / 2);
    s.retries++;
    s.retryTimer = setTimeout(() => {
      s.retryTimer = undefined;
      void sync();
    }, delay);
    showSyncState();
    return 'failed';
  }
}

/** The server took this batch: its answers are not sent again until they change. */
function acknowledge(body, res) {
  for (const sent of body.answers ?? []) {
    const stored = res.answers?.find((a) => a.itemId === sent.itemId)?.seq ?? sent.seq;
    // A higher stored seq is a newer write from elsewhere; the next change here goes above it.
    state.server[sent.itemId] =
      stored <= sent.seq
        ? { seq: sent.seq, json: stable(sent.answer) }
        : { seq: stored, json: undefined };
  }
  if (body.signals) state.signals.splice(0, body.signals.length);
  state.sync.signalBatch = undefined;
}

// ─── What the candidate is told ─────────────────────────────────────────────

function statusLine() {
  return h(
    'p',
    { class: 'status' },
    h('span', { id: 'save-status', role: 'status', text: saveStatusText() }),
    ' ',
    h('span', { id: 'sync-age', text: syncAgeText() }),
  );
}

/** The live part: it changes with the state, never with each keystroke or each sync. */
function saveStatusText() {
  const answered = Object.keys(state.answers).length > 0;
  const failing = state.sync.failing && unsyncedAnswers().length > 0;
  if (state.stored) {
    if (failing) return 'Saved on this device · not synced yet — retrying';
    return answered ? 'Saved on this device' : 'Answers are saved on this device as you type';
  }
  if (failing) return 'Not saved yet — retrying';
  if (unsyncedAnswers().length) return 'Saving…';
  return answered ? 'All answers saved' : 'Answers save automatically';
}

/** Not live (read when wanted, never announced): when the server last took the answers. */
function syncAgeText() {
  const { lastOkAt, failing } = state.sync;
  const pending = unsyncedAnswers().length > 0;
  if (!state.stored || !Object.keys(state.answers).length || (failing && pending)) return '';
  const minutes = lastOkAt === undefined ? 0 : Math.floor((Date.now() - lastOkAt) / 60_000);
  const ago = minutes < 1 ? 'just now' : `${minutes} min ago`;
  if (!pending) return lastOkAt === undefined ? '· all synced' : `· all synced ${ago}`;
  return lastOkAt === undefined ? '· not synced yet' : `· last synced ${ago}`;
}

function showSyncState() {
  setStatus(saveStatusText());
  setAge(syncAgeText());
}

function setStatus(text) {
  const el = document.getElementById('save-status');
  if (el && el.textContent !== text) el.textContent = text;
}

function setAge(text) {
  const el = document.getElementById('sync-age');
  if (el && el.textContent !== text) el.textContent = text;
}

// ─── Integrity signals (advisory; they ride along with the answers) ─────────

function signal(s) {
  state.signals.push({ ...s, at: new Date().toISOString() });
  device.write();
  scheduleSync();
}

function timeOn(itemId) {
  const { item, at } = state.shownAt ?? {};
  if (item === itemId) return;
  if (item) signal({ kind: 'item-time', itemId: item, ms: Date.now() - at });
  state.shownAt = { item: itemId, at: Date.now() };
}

document.addEventListener('visibilitychange', () => {
  if (!state.session || state.ending || state.done) return;
  signal({ kind: document.hidden ? 'focus-lost' : 'focus-regained' });
  // The tab may be closed next: send now (a keepalive request outlives the page).
  if (document.hidden) void sync();
});
addEventListener('pagehide', () => void sync());
addEventListener('online', () => {
  if (state.sync.failing) void sync();
});

// ─── The clock ──────────────────────────────────────────────────────────────

function tick() {
  const left = Date.parse(state.session.deadline) - (Date.now() + state.skew);
  const seconds = Math.max(0, Math.ceil(left / 1000));
  const timer = document.getElementById('timer');
  document.getElementById('time-left').textContent =
    `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  timer.setAttribute('aria-label', `Time left: ${formatMinutes(Math.ceil(seconds / 60))}`);
  timer.classList.toggle('low', seconds <= 300);
  setAge(syncAgeText());
  for (const minutes of [5, 1]) {
    if (seconds <= minutes * 60 && seconds > 0 && !state.announced.has(minutes)) {
      state.announced.add(minutes);
      // Only when crossing the mark while here, not for a resume already past it.
      if (seconds > minutes * 60 - 5) announce.textContent = `${formatMinutes(minutes)} left.`;
    }
  }
  if (seconds === 0) {
    clearInterval(state.tick);
    announce.textContent = 'Time is up. Your answers are being submitted.';
    void submit();
  }
}

function formatMinutes(m) {
  const rounded = Math.round(m * 10) / 10;
  return `${rounded} minute${rounded === 1 ? '' : 's'}`;
}

// ─── Start-up ───────────────────────────────────────────────────────────────

async function load() {
  state.stored = device.works();
  try {
    const before = Date.now();
    state.take = await call('GET', `/v1/take/${encodeURIComponent(token)}`);
    state.skew = Date.parse(state.take.serverTime) - (before + Date.now()) / 2;
    state.ending = false;
    if (state.take.session) begin(state.take.session);
    else welcome();
  } catch (err) {
    unavailable(err);
  }
}

void load();
