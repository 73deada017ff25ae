/* global document, location */
// The candidate's page: welcome → sections → review → end. No framework; all text goes in
// through textContent, never HTML. The server's deadline is the truth; the clock here only shows it.
const token = decodeURIComponent(location.pathname.split('/').pop() ?? '');
const main = document.getElementById('main');
const announce = document.getElementById('announce');
// Autosave: an answer is saved once typing pauses for SAVE_DELAY_MS, but a text answer being
// typed at most every TEXT_SAVE_INTERVAL_MS, and at once when the candidate leaves it (another
// answer, another screen, another tab). Each save is a request and a write (docs/cost.md).
const SAVE_DELAY_MS = 600;
const TEXT_SAVE_INTERVAL_MS = 30_000;
// Integrity signals are advisory: sent in batches, and at once when the page is hidden.
const SIGNAL_FLUSH_MS = 300_000;

const state = {
  take: null,
  session: null,
  section: 0,
  /** Item id → { answer, seq } as the page knows it. */
  answers: {},
  /** Item id → timer of a pending save. */
  pending: new Map(),
  /** Item id → when its last save was sent (Date.now()), for TEXT_SAVE_INTERVAL_MS. */
  sentAt: new Map(),
  /** Item id → the answer last sent (JSON), so an unchanged answer is not sent again. */
  sent: new Map(),
  failed: new Set(),
  /** Server clock minus this clock, so the countdown matches the server's deadline. */
  skew: 0,
  signals: [],
  announced: new Set(),
  tick: undefined,
  ending: false,
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
  const res = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok)
    throw Object.assign(new Error(json.detail ?? res.statusText), {
      status: res.status,
      problem: json,
    });
  return json;
}

/** Replaces the screen and moves focus to its heading, so keyboard and reader users follow. */
function show(title, ...content) {
  // Leaving a screen saves what is pending there at once.
  if (state.pending.size) void flush();
  document.title = `${title} – Assessment`;
  const heading = h('h1', { tabindex: '-1', text: title });
  main.replaceChildren(heading, ...content.flat().filter(Boolean));
  heading.focus();
}

function unavailable(err) {
  clearInterval(state.tick);
  document.getElementById('timer').hidden = true;
  const gone = err.status === 410 || err.status === 401 || err.status === 404;
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
      h('li', {
        text: 'Answers save automatically. If your connection drops, reopen this link to carry on.',
      }),
      h('li', { text: 'When time runs out, the answers saved so far are submitted for you.' }),
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
  state.answers = { ...session.answers };
  if (session.status === 'submitted') return finished(session.reason);
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
    h('p', { id: 'save-status', class: 'status', role: 'status', text: saveStatusText() }),
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
        queueSave(item.id, { best: answer.best, worst: answer.worst });
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
      queueSave(item.id, { choice }),
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
        oninput: (e) => queueSave(item.id, { value: e.target.value }),
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
        oninput: (e) => queueSave(item.id, { text: e.target.value }),
        onblur: () => leaveItem(item.id),
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
    h('p', { id: 'save-status', class: 'status', role: 'status', text: saveStatusText() }),
    h('p', { text: 'After you submit you cannot change your answers.' }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', id: 'submit', onclick: submit, text: 'Submit my answers' }),
    ),
  );
}

async function submit(event) {
  if (event) event.target.disabled = true;
  if (state.ending) return;
  state.ending = true;
  try {
    await flush();
    await sendSignals();
    const result = await call('POST', `/v1/sessions/${state.session.id}/submit`);
    finished(result.reason);
  } catch (err) {
    state.ending = false;
    if (err.status === 409 || err.status === 410) return load();
    if (event) event.target.disabled = false;
    setStatus('Could not submit. Check your connection and try again.');
  }
}

function finished(reason) {
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

// ─── Autosave ───────────────────────────────────────────────────────────────

function queueSave(itemId, answer) {
  const seq = (state.answers[itemId]?.seq ?? 0) + 1;
  state.answers[itemId] = { answer, seq };
  clearTimeout(state.pending.get(itemId));
  const sinceSent = Date.now() - (state.sentAt.get(itemId) ?? -Infinity);
  const delay =
    'text' in answer ? Math.max(SAVE_DELAY_MS, TEXT_SAVE_INTERVAL_MS - sinceSent) : SAVE_DELAY_MS;
  state.pending.set(
    itemId,
    setTimeout(() => save(itemId), delay),
  );
  setStatus('Saving…');
}

/** The candidate moved on from this answer: save what is pending now rather than later. */
function leaveItem(itemId) {
  if (!state.pending.has(itemId)) return;
  clearTimeout(state.pending.get(itemId));
  void save(itemId);
}

async function save(itemId) {
  state.pending.delete(itemId);
  const { answer, seq } = state.answers[itemId];
  const json = JSON.stringify(answer);
  if (state.sent.get(itemId) === json && !state.failed.has(itemId)) {
    setStatus(saveStatusText());
    return;
  }
  state.sentAt.set(itemId, Date.now());
  try {
    await call('PUT', `/v1/sessions/${state.session.id}/answers/${encodeURIComponent(itemId)}`, {
      seq,
      answer,
    });
    state.sent.set(itemId, json);
    state.failed.delete(itemId);
  } catch (err) {
    if (err.status === 409 || err.status === 410) return load();
    // Bad shapes (422) are not retried; network trouble is.
    if (err.status !== 422) {
      state.failed.add(itemId);
      state.pending.set(
        itemId,
        setTimeout(() => save(itemId), 3000),
      );
    }
  }
  setStatus(saveStatusText());
}

async function flush() {
  const ids = [...state.pending.keys(), ...state.failed];
  for (const id of ids) clearTimeout(state.pending.get(id));
  await Promise.all([...new Set(ids)].map(save));
}

function saveStatusText() {
  if (state.failed.size) return 'Some answers are not saved yet; retrying…';
  if (state.pending.size) return 'Saving…';
  return Object.keys(state.answers).length ? 'All answers saved.' : 'Answers save automatically.';
}

function setStatus(text) {
  const el = document.getElementById('save-status');
  if (el && el.textContent !== text) el.textContent = text;
}

// ─── Integrity signals (advisory) ───────────────────────────────────────────

function signal(s) {
  state.signals.push({ ...s, at: new Date().toISOString() });
}

function timeOn(itemId) {
  const { item, at } = state.shownAt ?? {};
  if (item === itemId) return;
  if (item) signal({ kind: 'item-time', itemId: item, ms: Date.now() - at });
  state.shownAt = { item: itemId, at: Date.now() };
}

async function sendSignals() {
  if (!state.session || !state.signals.length) return;
  const batch = state.signals.splice(0, 100);
  await call('POST', `/v1/sessions/${state.session.id}/signals`, { signals: batch }).catch(
    () => undefined,
  );
}

document.addEventListener('visibilitychange', () => {
  if (!state.session || state.ending) return;
  signal({ kind: document.hidden ? 'focus-lost' : 'focus-regained' });
  // The tab may be closed next: save and report now.
  if (document.hidden) {
    void flush();
    void sendSignals();
  }
});
setInterval(() => void sendSignals(), SIGNAL_FLUSH_MS);

// ─── The clock ──────────────────────────────────────────────────────────────

function tick() {
  const left = Date.parse(state.session.deadline) - (Date.now() + state.skew);
  const seconds = Math.max(0, Math.ceil(left / 1000));
  const timer = document.getElementById('timer');
  document.getElementById('time-left').textContent =
    `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  timer.setAttribute('aria-label', `Time left: ${formatMinutes(Math.ceil(seconds / 60))}`);
  timer.classList.toggle('low', seconds <= 300);
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
