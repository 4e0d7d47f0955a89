// Print how many fragmented-list items Marp Core counts on each slide of a
// deck (its data-marpit-fragments attribute on each <section>), one count
// a line, in the format tests/test_frag.c prints ours.
const fs = require('fs');
const { Marp } = require('@marp-team/marp-core');
const md = fs.readFileSync(process.argv[2], 'utf8');
const { html } = new Marp({ html: false, inlineSVG: false }).render(md);
const sections = html.match(/<section\b[^>]*>/g) || [];
process.stdout.write(
  sections
    .map((s) => {
      const m = s.match(/data-marpit-fragments="(\d+)"/);
      return `${m ? m[1] : 0}\n`;
    })
    .join('')
);
