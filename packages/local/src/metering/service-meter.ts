import type { LoadedService } from '../stack/load-services';
import type { CostMeter } from './cost-meter';
import { meterLambda, serviceFunctionName } from './lambda-meter';

/**
 * The services with each handler counted as an invocation of the function infra deploys for
 * it, wherever the stack calls it from: the HTTP host, bus rules, or schedules.
 */
export function meterServices(loaded: LoadedService[], meter: CostMeter): LoadedService[] {
  return loaded.map(({ manifest, http, events }) => ({
    manifest,
    http: http && meterLambda(meter, serviceFunctionName(manifest.name, 'http'), http),
    events: events && meterLambda(meter, serviceFunctionName(manifest.name, 'events'), events),
  }));
}
