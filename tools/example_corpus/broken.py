from core import *

# Valid article lines placed in broken files. Markers @@BAD@@ are replaced by invalid bytes when written.
art('valdoriatoday-rail-strike-0318', 'broken/bad_utf8.jsonl', 'Valdoria Today',
 'https://valdoriatoday.example/2025/03/18/rail-strike-day-two',
 '2025-03-18', 'Rail strike enters second day with no talks planned', """
Published March 18th, 2025 - 07:55 GMT

Commuters in Lorvik and Ostrel@@BAD1@@ faced a second day without most trains on Tuesday as the 48-hour rail strike continued and no new talks were scheduled.

The state railway VRZ said 6,500 employees were on strike; the union put the figure at about 9,000.

Union leader Bruno Talev said members would return to work on Wednesday morning. "Our people have waited three years for a raise. They will not wait longer," he said.@@BAD2@@

Do you like this article?
""", 'rail-strike', 'rewrite', 'mpa-rail-strike-0317',
 junk=['publication date line', '"Do you like this article?" prompt'],
 notes='broken input: raw invalid UTF-8 bytes inside the JSON string (0xFF after "Ostrel", and a truncated 2-byte sequence 0xC3 followed by "(" at the end of the Talev paragraph)')

art('northpost-grain-deal-0319', 'broken/nul_escape.jsonl', 'NorthPost',
 'https://northpost.example/business/grain-transit-deal-kestria',
 '2025-03-19', 'Valdoria and Kestria sign grain transit deal', """
(NorthPost.com)- Valdoria and Kestria signed a grain transit agreement worth $1.2 billion on Wednesday that will cut rail tariffs for Kestrian grain crossing Valdoria by 15% and run for five years, MPA reported.

"This is the largest agreement between our two countries since independence,"\x00 Foreign Minister Lena Dvorak said.

(MPA)
""", 'grain-transit-deal', 'copy', 'mpa-grain-deal-0319',
 junk=['outlet self-mention', 'wire credit line "(MPA)"'],
 notes='broken input: the text holds a NUL written as the JSON escape \\u0000 right after the closing quote mark of the Dvorak quote')

art('raw_nul', 'broken/raw_nul.txt', None, None, None, 'Tessa delta: evacuees return as dikes hold', """
Tessa delta: evacuees return as dikes hold

Most of the 1,100 people evacuated from three villages south of Marenna were back in their homes on Sunday\x00, two days after the sea broke over the Tessa delta dikes.

Three people died in the flood, the Civil Protection Agency said.
""", 'tessa-delta-floods', 'original',
 notes='broken input: a raw NUL byte (0x00) inside the body of a .txt file')

art('eastbridge-mine-halden-0318', 'broken/truncated.jsonl', 'Eastbridge Gazette',
 'https://www.eastbridgegazette.example/news/2025/03/18/halden-miners-free',
 '2025-03-18', 'Halden miners free after four days', """
By Hanna Mikkel

HALDEN – Fourteen miners trapped at the Halden copper mine since Saturday were rescued on Tuesday evening. All 14 were able to walk to the ambulances.

"They are the heroes, not us," rescue chief Viktor Samek said.
""", 'halden-mine-collapse', 'rewrite', 'herald-mine-halden-0318',
 junk=['byline', 'dateline "HALDEN –"'], notes='good line 1 of truncated.jsonl')

art('capitalinsider-grain-deal-0320', 'broken/truncated.jsonl', 'Capital Insider',
 'https://capitalinsider.example/policy/international/valdoria-kestria-grain-deal',
 '2025-03-20', 'Valdoria signs $1.2B grain deal with Kestria', """
Foreign Minister Lena DvorakLena DvorakLatest: Dvorak to visit Kestria next week Valdoria minister vows to restore order MORE said Wednesday that a $1.2 billion grain transit deal with Kestria was "the largest agreement between our two countries since independence," MPA reported.

The deal cuts rail tariffs for Kestrian grain by 15% for five years, according to the agency.
""", 'grain-transit-deal', 'rewrite', 'mpa-grain-deal-0319',
 junk=['inline widget text "Lena DvorakLena DvorakLatest: ... MORE said" must read "Foreign Minister Lena Dvorak said"'],
 notes='short aggregation citing MPA (Dvorak quote partly verbatim); good line 3 of truncated.jsonl (line 2 is a truncated article and is lost)')

art('borderland-rail-strike-0318', 'broken/non_object.jsonl', 'Borderland Voice',
 'https://borderlandvoice.example/en_GB/articles/cii/newsbriefs/2025/03/18/brief-02',
 '2025-03-18', 'Valdoria rail strike ends second day', """
LORVIK -- Valdoria's 48-hour rail strike ended on Tuesday night, with the union saying about 9,000 workers had taken part.

Union leader Bruno Talev warned of more strikes next month if the state railway did not improve its 6% offer.
""", 'rail-strike', 'rewrite', 'mpa-rail-strike-0317',
 junk=['dateline "LORVIK --"'], notes='good line 1 of non_object.jsonl')

art('pinecrest-journal-shooting-0322', 'broken/non_object.jsonl', 'Pinecrest Journal',
 'https://pinecrestjournal.example/news/elm-court-shooting-suspect-charged',
 '2025-03-22', 'Man, 20, charged with murder in Elm Court shooting', """
PINECREST, Ind. — A 20-year-old Pinecrest man was charged Friday with murder and criminal recklessness in Thursday's shooting at the Elm Court apartments that killed 17-year-old Tyler Voss and wounded a woman inside her home.

Lt. Ray Osei said the suspect, Caleb Marsh, and Voss had argued over a borrowed car.

Stay informed with the latest headlines; sign up for our newsletter
""", 'pinecrest-shooting', 'original',
 junk=['newsletter prompt'], notes='good line 4 of non_object.jsonl (lines 2 and 3 are an array and a number)')

# the truncated article (never readable): kept here only to produce the broken line.
TRUNCATED = {"id": "coastline-fire-selwyn-0307", "source": "Coastline Courier",
  "url": "https://coastlinecourier.example/local/port-selwyn-fire-cause",
  "date": "2025-03-07", "title": "Port Selwyn fire: investigators look at cooling plant",
  "text": "Investigators examining the ruins of the cold-storage warehouse on Quay Road are looking at the building's cooling plant as the possible starting point of Thursday's fire, the fire service said.\n\nAbout 60 firefighters"}
