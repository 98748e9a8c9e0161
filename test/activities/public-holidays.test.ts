/**
 * Public holidays from the maintained dataset (issue 19, item 4) for the business-day calendars the
 * engine does not compute, checked on known holiday weeks, merged with the profile's own dates, and
 * returned by the organisationProfile activity; a Brazilian breach found on the Monday before
 * Tiradentes gets its ANPD date a business day later.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createActivities } from '../../activities/index.ts';
import { publicHolidays, withPublicHolidays } from '../../activities/public-holidays.ts';
import { openStore } from '../../activities/store/open-store.ts';
import { EMPTY_PROFILE, organisationProfileSchema } from '../../workflows/domain/organisation-profile.ts';
import { computeRegulatoryClocks } from '../../workflows/domain/regulatory/index.ts';
import { inMemoryProviders } from '../support/workflow-harness.ts';

test('Brazil: national public holidays of 2026, not the Carnival bank days or observances', () => {
  const br = publicHolidays('BR', [2026]);
  for (const day of ['2026-01-01', '2026-04-03', '2026-04-21', '2026-09-07', '2026-11-20', '2026-12-25']) {
    assert.ok(br.includes(day), `${day} is a holiday`);
  }
  for (const day of ['2026-02-16', '2026-02-17', '2026-04-05', '2026-12-24']) {
    assert.ok(!br.includes(day), `${day} is not a national public holiday`);
  }
});

test('Vermont: Town Meeting Day and Bennington Battle Day (observed Monday) beside the federal days', () => {
  const vt = publicHolidays('US-VT', [2026]);
  for (const day of ['2026-03-03', '2026-08-17', '2026-07-03', '2026-11-26']) {
    assert.ok(vt.includes(day), `${day} is a holiday`);
  }
  assert.ok(!vt.includes('2026-11-27'), 'the day after Thanksgiving is not a Vermont holiday');
});

test('the profile keeps its own dates and gains the dataset years around now; US federal days stay computed', () => {
  const profile = organisationProfileSchema.parse({ holidays: { BR: ['2026-03-19'] } });
  const merged = withPublicHolidays(profile, new Date('2026-04-20T12:00:00Z'));
  assert.ok(merged.holidays.BR?.includes('2026-03-19'), 'the organisation’s own day');
  for (const day of ['2025-04-21', '2026-04-21', '2027-04-21']) assert.ok(merged.holidays.BR?.includes(day));
  assert.equal(merged.holidays.US, undefined);
  assert.deepEqual(profile.holidays, { BR: ['2026-03-19'] }, 'the profile itself is not changed');
});

test('the organisationProfile activity returns the dataset’s holidays for this year', async () => {
  const store = await openStore({});
  try {
    const { deps } = inMemoryProviders(store);
    const profile = await createActivities({ ...deps, organisation: EMPTY_PROFILE }).organisationProfile();
    const year = new Date().getUTCFullYear();
    assert.ok(profile.holidays.BR?.includes(`${year}-04-21`), 'Tiradentes');
    assert.ok(
      profile.holidays['US-VT']?.some((d) => d.startsWith(`${year}-03-`)),
      'Town Meeting Day',
    );
  } finally {
    await store.close();
  }
});

test('the ANPD clock from the Monday before Tiradentes skips the holiday', () => {
  const profile = withPublicHolidays(EMPTY_PROFILE, new Date('2026-04-20T12:00:00Z'));
  const anpd = (holidays: Record<string, string[]>) =>
    computeRegulatoryClocks({
      awareAt: '2026-04-20T15:00:00Z',
      affected: { BR: 5 },
      dataCategories: ['contact'],
      holidays,
    }).find((c) => c.id === 'lgpd:anpd')?.dueAt;
  // Three business days after Monday 20 April: Tuesday 21 is Tiradentes, so Wed, Thu, Fri.
  assert.equal(anpd({}), '2026-04-24T02:59:59.999Z', 'without the dataset: end of Thursday');
  assert.equal(anpd(profile.holidays), '2026-04-25T02:59:59.999Z', 'with it: end of Friday');
});
