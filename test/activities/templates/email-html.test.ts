import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emailHtml } from '../../../activities/templates/email-html.ts';

test('the subject is the title and the only heading; the language is set; paragraphs keep their lines', () => {
  const html = emailHtml({ subject: 'Herald  INC-1:\nbreach', text: 'Line one\nline two\n\n\nSecond', lang: 'de' });
  assert.match(html, /^<!DOCTYPE html>\n<html lang="de" dir="ltr">/);
  assert.match(html, /<title>Herald INC-1: breach<\/title>/);
  assert.equal(html.match(/<h1[ >]/g)?.length, 1);
  assert.match(html, /<h1[^>]*>Herald INC-1: breach<\/h1>/);
  assert.match(html, />Line one<br>\nline two<\/p>\n<p[^>]*>Second<\/p>/);
  assert.doesNotMatch(html, /<img/);
});

test('every parameter is escaped; a web address becomes a link that reads as itself', () => {
  const html = emailHtml({
    subject: '<script>alert(1)</script> & "x"',
    text: 'See https://status.example.org/inc?a=1&b=2. Or <b>bold</b>',
    lang: 'en" onload="x',
  });
  assert.doesNotMatch(html, /<script>|<b>|lang="en" onload/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;x&quot;/);
  assert.match(
    html,
    /<a href="https:\/\/status\.example\.org\/inc\?a=1&amp;b=2"[^>]*>https:\/\/status\.example\.org\/inc\?a=1&amp;b=2<\/a>\. Or &lt;b&gt;/,
  );
});

test('a right-to-left language is laid out right to left', () => {
  assert.match(emailHtml({ subject: 's', text: 't', lang: 'ar' }), /<html lang="ar" dir="rtl">/);
});
