/**
 * Every rule the engine applies, in one list. Each row carries its citation; docs/regulatory-clocks.md
 * describes the same table in words.
 */
import type { ClockRule } from './rule-types.ts';
import { EUROPE_RULES } from './rules-europe.ts';
import { OTHER_JURISDICTION_RULES } from './rules-other-jurisdictions.ts';
import { US_FEDERAL_RULES } from './rules-us-federal.ts';
import { US_STATE_RULES } from './rules-us-states.ts';

/** All regulatory rules, Europe first, then the US (federal, states), then other jurisdictions. */
export const REGULATORY_RULES: readonly ClockRule[] = [
  ...EUROPE_RULES,
  ...US_FEDERAL_RULES,
  ...US_STATE_RULES,
  ...OTHER_JURISDICTION_RULES,
];
