import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectEntries, extractStrings, POT_PATH, renderPot } from '../../scripts/make-pot.ts';

describe('make-pot: what a translator is given', () => {
  it.each([
    ["__( 'It\\'s here', 'ml-connector' )", 'x.php', { msgid: "It's here" }],
    ['esc_html__( "Tab\\there", \'ml-connector\' )', 'x.php', { msgid: 'Tab\there' }],
    ["__('Line one ' + 'and two', 'ml-connector')", 'x.tsx', { msgid: 'Line one and two' }],
    ["__( 'Joined ' . 'in PHP', 'ml-connector' )", 'x.php', { msgid: 'Joined in PHP' }],
    ['__(`Backtick`, "ml-connector")', 'x.ts', { msgid: 'Backtick' }],
    [
      "_n('%d order', '%d orders', items.filter((i) => i.ok).length, 'ml-connector')",
      'x.tsx',
      { msgid: '%d order', plural: '%d orders' },
    ],
    ["_x( 'Post', 'verb', 'ml-connector' )", 'x.php', { msgid: 'Post', context: 'verb' }],
  ])('%s', (source, file, expected) => {
    expect(extractStrings(source, file)).toEqual([
      expect.objectContaining({ ...expected, references: [file], translatorComments: [] }),
    ]);
  });

  it('leaves out other text domains, variables and template literals with substitutions', () => {
    const source = [
      "__( 'Theirs', 'woocommerce' );",
      "__( $message, 'ml-connector' );",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test holds a template literal
      '__(`Hello ${name}`, "ml-connector");',
      "my__( 'Not gettext', 'ml-connector' );",
    ].join('\n');
    expect(extractStrings(source, 'x.php')).toEqual([]);
  });

  it("keeps a translators comment for the call it precedes, not for the next one's", () => {
    const source = [
      'sprintf(',
      '  /* translators: %s: store URL. */',
      "  __( 'Connected to %s.', 'ml-connector' ),",
      '  $url',
      ');',
      "__( 'No comment here', 'ml-connector' );",
    ].join('\n');
    const [connected, plain] = extractStrings(source, 'x.php');
    expect(connected?.translatorComments).toEqual(['%s: store URL.']);
    expect(plain?.translatorComments).toEqual([]);
  });

  it('renders plurals, contexts, format flags and multi-line strings as gettext reads them', () => {
    const pot = renderPot(
      [
        { msgid: '%d order', plural: '%d orders', references: ['a.tsx'], translatorComments: ['%d: how many.'] },
        { msgid: 'Post', context: 'verb', references: ['b.php', 'c.php'], translatorComments: [] },
        { msgid: 'Say "hi"\nthen go', references: ['d.php'], translatorComments: [] },
      ],
      '9.9.9',
    );
    expect(pot).toContain('"Project-Id-Version: ml-connector 9.9.9\\n"');
    expect(pot).toContain(
      '#. translators: %d: how many.\n#: a.tsx\n#, javascript-format\nmsgid "%d order"\nmsgid_plural "%d orders"\nmsgstr[0] ""\nmsgstr[1] ""',
    );
    expect(pot).toContain('#: b.php c.php\nmsgctxt "verb"\nmsgid "Post"\nmsgstr ""');
    expect(pot).toContain('msgid ""\n"Say \\"hi\\"\\n"\n"then go"\nmsgstr ""');
  });

  it('the committed plugin/languages/ml-connector.pot holds every string the sources have (npm run make-pot)', () => {
    const committed = readFileSync(POT_PATH, 'utf8');
    expect(committed).toBe(renderPot(collectEntries()));
    expect(collectEntries().length).toBeGreaterThan(100);
  });
});
