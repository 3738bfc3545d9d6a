export * from './combine.js';
export * from './indicators/index.js';
export * from './registry.js';
export * from './scalp.js';
export type { SessionRef, Strategy } from './strategy.js';
export * from './whale.js';
