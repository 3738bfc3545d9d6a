export * from './atr.js';
export * from './ema.js';
export * from './rsi.js';
export * from './vwap.js';
