import { readFileSync } from 'node:fs';
import { parseSettingsText } from '../src/config/load-settings.js';
import { emit, rate } from './lib/emit.js';

// Sweeps validate every variant through the schema before running, so validation speed matters.
const text = readFileSync('configs/settings.yaml', 'utf8');
const perSecond = rate(() => parseSettingsText(text, 'settings.yaml'));
emit({ name: 'settings.validate', value: Math.round(perSecond), unit: 'files/s' }, `settings.yaml parsed and validated ${Math.round(perSecond).toLocaleString('en-US')} times/s`);
