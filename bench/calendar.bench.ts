import { isRegularHours, minuteGrid, sessionAt, sessionsBetween, tradingDateOf } from '../src/calendar/index.js';
import { emit } from './lib/emit.js';

// The backtester asks the calendar about every bar, so each call must cost well under 100 ns.
const stamps = Float64Array.from(sessionsBetween('2024-01-01', '2024-12-31').flatMap((s) => Array.from(minuteGrid(s))));

function callsPerSecond(name: string, fn: (t: number) => unknown): void {
  let sink = 0;
  const pass = (): void => {
    for (let i = 0; i < stamps.length; i++) if (fn(stamps[i]!)) sink++;
  };
  pass(); // warm-up: fills the per-day caches and lets the JIT settle
  let passes = 0;
  const start = performance.now();
  while (performance.now() - start < 500) {
    pass();
    passes++;
  }
  const perSecond = (passes * stamps.length) / ((performance.now() - start) / 1000);
  if (sink < 0) throw new Error('unreachable'); // keeps the calls observable
  emit(
    { name: `calendar.${name}`, value: Math.round(perSecond), unit: 'calls/s', target: '≥ 10000000' },
    `${name} over ${stamps.length.toLocaleString('en-US')} 1-minute stamps of 2024: ${Math.round(perSecond).toLocaleString('en-US')} calls/s (${(1e9 / perSecond).toFixed(1)} ns/call)`,
  );
}

callsPerSecond('sessionAt', sessionAt);
callsPerSecond('tradingDateOf', tradingDateOf);
callsPerSecond('isRegularHours', isRegularHours);
