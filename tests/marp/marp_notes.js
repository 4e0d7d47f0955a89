// Print how Marp Core itself splits a deck into slides and speaker notes,
// in the same plain format as tests/test_deck.c prints ours:
//   line 1: the slide count; then per slide: "N<TAB>notes" with each
//   slide's comments joined by a blank line and newlines escaped as \n.
const fs = require('fs');
const { Marp } = require('@marp-team/marp-core');
const md = fs.readFileSync(process.argv[2], 'utf8');
const { comments } = new Marp({ html: false }).render(md);
let out = `${comments.length}\n`;
comments.forEach((c, i) => {
  out += `${i + 1}\t${c.join('\n\n').replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n`;
});
process.stdout.write(out);
