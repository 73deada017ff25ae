// score(form, answers) → scorecard. Pure: the same form and answers give byte-identical JSON.
import type { Answers } from './answers';
import { compileForm } from './compile';
import type { BandName, Form } from './form';
import { LEXICON_VERSION } from './lexicons';
import { round } from './round';
import type { Evidence, ItemResult, RaisedRedFlag, Scorecard, SectionResult } from './scorecard';
import { ENGINE_VERSION } from './version';

const BAND_ORDER: BandName[] = ['not-recommended', 'borderline', 'proceed', 'strong'];
const ITEM_DECIMALS = 2;
const SCORE_DECIMALS = 1;

export function bandFor(total: number, bands: Form['bands']): BandName {
  if (total >= bands.strong) return 'strong';
  if (total >= bands.proceed) return 'proceed';
  if (total >= bands.borderline) return 'borderline';
  return 'not-recommended';
}

function lowerBand(a: BandName, b: BandName): BandName {
  return BAND_ORDER.indexOf(a) <= BAND_ORDER.indexOf(b) ? a : b;
}

/** Evidence objects are fresh per call, so rounding them in place is safe and allocation-free. */
function roundEvidence(evidence: Evidence[]): Evidence[] {
  for (const e of evidence) {
    e.points = round(e.points, ITEM_DECIMALS);
    if (e.max !== undefined) e.max = round(e.max, ITEM_DECIMALS);
  }
  return evidence;
}

/**
 * Score an answer sheet. `answers` must have passed `validateAnswers(form, …)`; items missing
 * from it are unanswered. Red flags are reported beside the score and never change it.
 */
export function score(form: Form, answers: Answers): Scorecard {
  const compiled = compileForm(form);
  const items: Record<string, ItemResult> = {};
  const redFlags: RaisedRedFlag[] = [];
  const sectionTotals = new Map(form.sections.map((s) => [s.id, { points: 0, max: 0 }]));

  for (const item of form.items) {
    const scorer = compiled.scorers.get(item.id)!;
    // Own properties only: an item id such as "constructor" must not find Object.prototype's.
    const outcome = scorer.score(Object.hasOwn(answers, item.id) ? answers[item.id] : undefined);
    const itemScore = Math.max(0, Math.min(scorer.max, outcome.score));
    items[item.id] = {
      type: item.type,
      section: item.section,
      score: round(itemScore, ITEM_DECIMALS),
      max: round(scorer.max, ITEM_DECIMALS),
      answered: outcome.answered,
      evidence: roundEvidence(outcome.evidence),
    };
    const totals = sectionTotals.get(item.section);
    if (totals) {
      totals.points += itemScore;
      totals.max += scorer.max;
    }
    for (const raised of outcome.redFlags) {
      const definition = compiled.redFlags.get(raised.id);
      redFlags.push({
        id: raised.id,
        item: item.id,
        severity: definition?.severity ?? 'high',
        message: definition?.message ?? raised.id,
        text: raised.text,
      });
    }
  }

  const sections: Record<string, SectionResult> = {};
  let total = 0;
  const failedHurdleCaps: BandName[] = [];
  for (const section of form.sections) {
    const { points, max } = sectionTotals.get(section.id)!;
    const sectionScore = max > 0 ? (100 * points) / max : 0;
    total += (sectionScore * section.weight) / 100;
    const result: SectionResult = {
      score: round(sectionScore, SCORE_DECIMALS),
      weight: section.weight,
      points: round(points, ITEM_DECIMALS),
      max: round(max, ITEM_DECIMALS),
    };
    if (section.hurdle) {
      const met = sectionScore >= section.hurdle.min;
      result.hurdle = { min: section.hurdle.min, met, capBand: section.hurdle.capBand };
      if (!met) failedHurdleCaps.push(section.hurdle.capBand);
    }
    sections[section.id] = result;
  }

  const roundedTotal = round(total, SCORE_DECIMALS);
  const bandBeforeHurdles = bandFor(roundedTotal, form.bands);
  return {
    playbook: { id: form.id, version: form.version, hash: compiled.hash },
    engine: ENGINE_VERSION,
    lexicon: LEXICON_VERSION,
    total: roundedTotal,
    band: failedHurdleCaps.reduce(lowerBand, bandBeforeHurdles),
    bandBeforeHurdles,
    sections,
    items,
    redFlags,
  };
}
