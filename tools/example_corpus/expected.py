import os, collections

KIND = {'original': 'original report', 'copy': 'copy (light edits) of', 'rewrite': 'rewrite (other words, same facts) of',
        'spun': 'MACHINE-SPUN copy of', 'translation': 'other-language report based on'}

def md(s):
    return s.replace('|', '\\|').replace('\n', ' / ')

def write(OUT, ARTS, FIGS, FIGSTATUS, QUOTES, STORIES, LOC, POS):
    A = {a['id']: a for a in ARTS}
    src = lambda a: a['source'] or ('(none: .txt)' if a['file'].endswith('.txt') else '(none: from url host www.coastlinecourier.example)')
    out = []
    w = out.append
    outlets = sorted({a['source'] for a in ARTS if a['source']})
    dates = sorted(a['date'] for a in ARTS if a['date'])
    w('# examples/corpus: what a careful reader finds\n')
    w('Everything here is fiction written for concord: the country (Valdoria), its towns, people, outlets and the '
      'wire agency "Meridian Press Agency (MPA)" are invented; the US-style local news (Riverbend, Pinecrest, Harlow '
      'County, Ind.) is invented too. No real article text is used.\n')
    w('## Counts\n')
    w(f'- readable articles: **{len(ARTS)}** ({sum(1 for a in ARTS if not a["file"].startswith("broken/"))} in the good files, '
      f'{sum(1 for a in ARTS if a["file"].startswith("broken/"))} inside `broken/` files, which are otherwise good articles)')
    w(f'- stories (events): **{len(STORIES)}**; outlets (`source` values): **{len(outlets)}** plus one line without `source` '
      f'(outlet derived from the url host) and {sum(1 for a in ARTS if a["file"].endswith(".txt"))} `.txt` files without any outlet')
    import datetime
    span = (datetime.date.fromisoformat(dates[-1]) - datetime.date.fromisoformat(dates[0])).days
    w(f'- dates: {dates[0]} to {dates[-1]} ({span} days apart; {len(set(dates))} distinct days)')
    w(f'- languages: English, German (2 articles), Spanish (2), Russian (2)')
    w('- gold grouping: `expected_stories.tsv` (article_id TAB story_label, every readable article) for B-cubed scoring.\n')
    w('Outlets: ' + ', '.join(outlets) + '.\n')

    w('## Files\n')
    byfile = collections.OrderedDict()
    for a in ARTS: byfile.setdefault(a['file'], []).append(a)
    w('| file | articles (line: id) |\n|---|---|')
    for f, arts in sorted(byfile.items()):
        w(f'| `{f}` | ' + ', '.join((f'{LOC[a["id"]][1]}: ' if LOC[a['id']][1] else '') + f'`{a["id"]}`' for a in arts) + ' |')
    w('\nUnknown fields that readers must ignore: `section` (Continental Review lines), `lang` (German, Spanish, Russian lines). '
      '`outlets/local_us.jsonl.gz` is gzip (made with `gzip -n`). `.txt` files: first line is the title, id is the file name.\n')

    w('## Stories\n')
    w('Two pairs of stories are of the same kind and must stay separate: the two warehouse fires (Port Selwyn on 6 March, '
      'Dunmore on 13 March), the two floods (Brenn valley in the north, 10-12 March; Tessa delta in the south, 21-23 March) '
      'and the two shootings in Harlow County (Riverbend on 8 March, Pinecrest on 20 March). Several articles mention the other '
      'event of the pair in one sentence or in a "You may also like" headline (traps): eastbridge-fire-dunmore-0314, '
      'coastline-fire-dunmore-0314, wkrv-shooting-pinecrest-0320, mpa-floods-tessa-0321, valdoriatoday-floods-brenn-0311, '
      'valdoriatoday-mine-halden-0316. Continental Review\'s grain-deal analysis opens with the protests but is about the deal; the '
      'Herald\'s grain-deal piece mentions the rail strike.\n')
    for label, desc in STORIES.items():
        arts = sorted([a for a in ARTS if a['story'] == label], key=lambda a: (a['date'] or '9999', a['id']))
        w(f'### {label}: {desc}\n')
        w('| id | outlet | date | lang | relation |\n|---|---|---|---|---|')
        for a in arts:
            rel = KIND[a['kind']] + (f' `{a["of"]}`' if a['of'] else '')
            w(f'| `{a["id"]}` | {md(src(a))} | {a["date"] or "-"} | {a["lang"]} | {rel} |')
        w('')

    w('## Copies, rewrites, spun copy (lineage)\n')
    w('`kind` per DESIGN.md: a copy is mostly verbatim text (share high), a rewrite tells the same facts in other words (low '
      'verbatim share, same quotes/figures), the spun copy is a copy whose words were swapped by a machine (moderate verbatim '
      'share, many near-synonyms, broken sentences). Other-language reports are "shared-source" at most (no verbatim reuse). '
      'Direction: the earlier or wire original is the source.\n')
    w('| article | relation | of | what changed |\n|---|---|---|---|')
    for a in ARTS:
        if a['of']:
            w(f'| `{a["id"]}` | {a["kind"]} | `{a["of"]}` | {md(a["notes"])} |')
    w('\nArticles that are independent originals (no derived_from expected): ' +
      ', '.join(f'`{a["id"]}`' for a in ARTS if not a['of']) + '.\n')

    w('## Quotes\n')
    w('Each quote: speaker, the canonical wording, and every variant with the articles that carry it (variant text is copied '
      'verbatim from the article, quote marks included). Quote marks used in the corpus: "..." straight, “...” curly, ‘...’, '
      '„...“ German, «...» Spanish/Russian, Russian dash attribution.\n')
    for label in STORIES:
        qs = [q for q in QUOTES if q['story'] == label]
        if not qs: continue
        w(f'### {label}\n')
        for q in qs:
            w(f'- **{q["key"]}**: speaker **{q["speaker"]}**; canonical: "{md(q["canonical"])}"' + (f'. {md(q["note"])}' if q['note'] else ''))
            byv = collections.OrderedDict()
            for aid, t in q['variants']: byv.setdefault(t, []).append(aid)
            for t, ids in byv.items():
                w(f'  - `{md(t)}` in ' + ', '.join(f'`{i}`' for i in ids))
        w('')

    w('## Figures\n')
    w('Status rule (DESIGN.md): single = one report (or one source and its copies when noted), agree = same value, differ = '
      'values differ but some value satisfies every report given its qualifier ("more than 1,900" and "about 2,000"), '
      'conflict = no value satisfies every report ("six" and "more than a dozen"). Copies of one source are listed because '
      'each outlet is a report. Values are the number meant, whatever the language or separator (4.200 in German/Spanish = 4,200).\n')
    for label in STORIES:
        st = [s for s in FIGSTATUS if s[0] == label]
        if not st: continue
        w(f'### {label}\n')
        for (_, measure, subject, place, status, why) in st:
            pl = f' / place {place}' if place else ''
            w(f'- **{measure} / {subject}{pl}: {status}**. {md(why)}')
            for fg in FIGS:
                if fg['story'] == label and fg['measure'] == measure and fg['subject'] == subject and fg['place'] == place:
                    v = fg['value']; v = int(v) if float(v).is_integer() else v
                    q = f', qualifier "{fg["qualifier"]}"' if fg['qualifier'] else ''
                    n = f' ({md(fg["note"])})' if fg['note'] else ''
                    w(f'  - `{fg["article"]}`: {v}{q}: "{md(fg["text"])}"{n}')
        w('')
    w(NOT_FIGURES)

    w('## Junk and metadata per article\n')
    w('What the cleaner must remove (or turn into metadata); the reporting around it must stay intact. Paragraph text that '
      'is not listed is reporting.\n')
    w('| article | junk |\n|---|---|')
    for a in ARTS:
        w(f'| `{a["id"]}` | ' + ('; '.join(md(j) for j in a['junk']) if a['junk'] else '(none)') + ' |')
    w('')
    w(BROKEN_HEAD)
    for f, ps in sorted(POS.items()):
        for (line, pos, what) in ps:
            name = {b'\xff': 'byte 0xFF', b'\xc3(': 'bytes 0xC3 0x28 (truncated 2-byte sequence)', b'\\u0000': 'escape \\u0000 (NUL)',
                    b'\x00': 'raw NUL byte', b'EOL': 'end of line inside a JSON string (truncated line)'}[what]
            w(f'- `broken/{os.path.basename(f)}` line {line}, byte {pos} of that line: {name}')
    w(BROKEN_TAIL)
    open(os.path.join(OUT, 'EXPECTED.md'), 'w').write('\n'.join(out) + '\n')

NOT_FIGURES = '''### Numbers that are NOT counts (must not become figures)

- ages: "A 47-year-old teacher", "Horvalin, 61", "Marcus Hale, 24", "Jordan Pike, 31", "a 19-year-old woman", "ages 22 and 27",
  "a 35-year-old man", "a 22-year-old Carver man", "A 17-year-old boy" (the count is "a boy" = 1), "a 45-year-old woman",
  "A 20-year-old man", "a 52-year-old night watchman", "The man, 52", "Oskar Brandvik, 54", "a 70-year-old woman",
  "58-year-old shift leader";
- years and dates: 2019, 2014, 2011, 1978, 1997, 1964, 2003, 1961, 2018, 2021, 2025, "Feb. 24", "February 24", "March 3",
  "24. Februar", "3 de marzo", "3 марта", "January"-style date lines;
- addresses and places: "4 Quay Road", "1400 block of Maple Street", "200 block of Elm Court", "County Road 400 East",
  "Marszal Avenue";
- calibers and weapons: "9mm handgun", ".40-caliber pistol", ".22-caliber rifle";
- phone numbers and times: "555-0142", "11:40 p.m.", "7 p.m.", "3 a.m.", "09:51 GMT"-style times;
- measurements that are not counts of people or things: "6.2 metres" / "6,2 метра" (river level), "340 metres underground",
  "900 tonnes of frozen fish" (a quantity; measure other at most);
- ordinals and group sizes: "the city's fourth homicide", "a four-nation security alliance", "a security alliance of four
  states", "the second major warehouse fire", "35 staff" (company size), "more than 20 years" (tenure);
- quantities in titles are not extra reports (e.g. "200 residents evacuated" in the Coastline Courier title).
'''

BROKEN_HEAD = '''## Broken inputs (`broken/`)

A reader must never crash on these; each problem yields one message naming file, line and byte position; everything
else in the file (and the folder) is still read; the run exits with the code that says some input was skipped or repaired.

| file | what is wrong | what a reader should do and say |
|---|---|---|
| `broken/bad_utf8.jsonl` | one good article (`valdoriatoday-rail-strike-0318`) whose JSON string holds raw invalid UTF-8: 0xFF after "Ostrel" and 0xC3 followed by "(" | read the article; replace each invalid sequence by U+FFFD and report "invalid UTF-8" with file, line 1 and the byte positions (2 sequences) |
| `broken/nul_escape.jsonl` | one good article (`northpost-grain-deal-0319`) whose text contains the escape `\\u0000` | read the article; drop (or replace) the NUL and report it with file, line 1, byte position; nothing after the NUL may be lost (the rest of the sentence, "Foreign Minister Lena Dvorak said.", stays) |
| `broken/raw_nul.txt` | a .txt article (`raw_nul`) with a raw NUL byte in its first body paragraph | read the article whole (text after the NUL is kept); report the NUL with file, line 3, byte position |
| `broken/empty.jsonl` | 0 bytes | no article; a message "empty file" (a note, not an error that stops anything) |
| `broken/truncated.jsonl` | line 2 is cut in the middle of the "text" string (no closing quote, no closing brace); lines 1 and 3 are good | read lines 1 and 3 (`eastbridge-mine-halden-0318`, `capitalinsider-grain-deal-0320`); report line 2 as truncated / invalid JSON with its byte position (end of line); the truncated article (`coastline-fire-selwyn-0307`) is NOT in the output |
| `broken/non_object.jsonl` | line 2 is a JSON array, line 3 the number 42; lines 1 and 4 are good articles | read lines 1 and 4 (`borderland-rail-strike-0318`, `pinecrest-journal-shooting-0322`); report lines 2 and 3 as "not a JSON object" |
| `broken/notes.csv` | a file of another kind inside the corpus folder | skip it with a message naming the file ("not an article file: .csv") |

Exact positions (byte offsets from the start of the line, 0-based):
'''

BROKEN_TAIL = '''
Reading the whole folder (`concord analyze examples/corpus -o OUT`) therefore gives every readable article listed in
`expected_stories.tsv` (56 articles), 8 or 9 messages (the 2 invalid UTF-8 sequences of one line may be one message
or two; 1 NUL escape; 1 raw NUL; 1 empty file; 1 truncated line; 2 non-object lines; 1 skipped .csv), plus one skip note each for
`EXPECTED.md` and `expected_stories.tsv` (they live in the folder but are not articles), and an exit code that says
input was skipped.
'''
