import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitSms, SMS_MAX_CHARS } from '../../../activities/documents/sms.ts';

describe('fitSms', () => {
  it('leaves a short message alone', () => {
    assert.equal(
      fitSms({ head: 'Herald INC-1:', body: 'short  text', tail: 'Ack: x' }),
      'Herald INC-1: short text Ack: x',
    );
  });

  it('shortens only the body, at a word boundary, keeping head and tail', () => {
    const body = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const sms = fitSms({ head: 'Herald INC-1:', body, tail: 'Ack: herald incident ack INC-1' });
    assert.ok(sms.length <= SMS_MAX_CHARS);
    assert.ok(sms.startsWith('Herald INC-1: word0 '));
    assert.ok(sms.endsWith('... Ack: herald incident ack INC-1'));
    assert.match(sms, /word\d+\.\.\. Ack/); // the last kept word is whole
    const lastWord = /(word\d+)\.\.\./.exec(sms)?.[1];
    assert.ok(lastWord && body.split(' ').includes(lastWord));
  });

  it('respects a custom bound and never exceeds it', () => {
    for (let max = 40; max <= 200; max += 7) {
      const sms = fitSms(
        { head: 'Ref INC-9:', body: 'lorem ipsum dolor sit amet '.repeat(20), tail: 'Reply STOP' },
        max,
      );
      assert.ok(sms.length <= max, `${max}: ${sms.length}`);
      assert.ok(sms.startsWith('Ref INC-9:'));
    }
  });

  it('keeps the head when head and tail alone are too long', () => {
    const sms = fitSms({ head: 'Ref INC-9:', body: 'body', tail: 'tail '.repeat(100) }, 60);
    assert.ok(sms.length <= 60);
    assert.ok(sms.startsWith('Ref INC-9:'));
  });
});
