from core import *

story('halden-mine-collapse', 'Tunnel collapse at the Halden copper mine: 14 miners trapped, all rescued after four days (15-18 March 2025)')
story('rail-strike', 'Nationwide 48-hour rail strike in Valdoria (17-18 March 2025)')

MPA_M = art('mpa-mine-halden-0315', 'wire.jsonl', 'Meridian Press Agency',
 'https://www.mpa.example/valdoria/2025/03/15/halden-mine-collapse-miners-trapped',
 '2025-03-15', 'Fourteen miners trapped after tunnel collapse at Halden copper mine', """
HALDEN, March 15 (MPA) – Fourteen miners were trapped about 340 metres underground after part of a tunnel collapsed at the Halden copper mine in central Valdoria on Saturday, the mine's operator said.

Rescuers were in contact with the men through a ventilation shaft and said they had air, water and light. None was reported injured.

"They are in a safe chamber and they are calm. Our job now is to reach them as quickly as we can," said Viktor Samek, the rescue chief of operator Halden Copper.

About 120 rescuers were working in shifts to clear the rubble, the company said. A second shaft would be drilled if needed.

Mining accidents are rare in Valdoria. The last fatal accident at Halden, which opened in 1964, was in 2003.
""", 'halden-mine-collapse', 'original')

art('northpost-mine-halden-0315', 'outlets/valdoria_press.jsonl', 'NorthPost',
 'https://northpost.example/news/halden-mine-14-trapped',
 '2025-03-15', '14 miners trapped at Halden copper mine', derive(MPA_M, subs=[
   ("HALDEN, March 15 (MPA) – Fourteen miners were trapped", "(NorthPost.com)- Fourteen miners were trapped"),
   ("on Saturday, the mine's operator said.", "on Saturday, the mine's operator said, according to MPA."),
  ], drop=["\n\nMining accidents are rare in Valdoria. The last fatal accident at Halden, which opened in 1964, was in 2003."],
  append="\n\nShare this article: Facebook | X | WhatsApp | Email"),
 'halden-mine-collapse', 'copy', 'mpa-mine-halden-0315',
 junk=['outlet self-mention "(NorthPost.com)-"', 'share prompt'],
 notes='wire copy with light edits, last paragraph dropped')

VT_M_CAP = "Relatives wait at the gate of the Halden copper mine on Sunday. (Photo: Valdoria Today)"
art('valdoriatoday-mine-halden-0316', 'outlets/valdoria_press.jsonl', 'Valdoria Today',
 'https://valdoriatoday.example/2025/03/16/halden-mine-families-wait',
 '2025-03-16', 'Families keep vigil at Halden mine gate', """
Published March 16th, 2025 - 12:05 GMT
""" + VT_M_CAP + """

Relatives of the miners trapped at the Halden copper mine spent a second night at the gate on Sunday as rescuers dug towards the men.

At least 12 miners are trapped, local officials said, although the operator has said all along that fourteen men were underground when the tunnel gave way.

Rescue chief Viktor Samek said the men were calm. "They are calm, they are in a safe chamber, and we will get to them as fast as we can," he said.

""" + VT_M_CAP + """

Mayor Greta Olin said the town's school would stay open at night for the families.

You may also like

Brenn valley: schools reopen after floods
""", 'halden-mine-collapse', 'rewrite', 'mpa-mine-halden-0315',
 junk=['publication date line', 'photo caption repeated twice', '"You may also like" block naming another story (Brenn valley)'],
 notes='follow-up; "at least 12" (local officials) vs fourteen (operator): differ')

HER_M = art('herald-mine-halden-0318', 'outlets/valdoria_press.jsonl', 'The Lorvik Herald',
 'https://www.lorvikherald.example/news/halden-all-fourteen-miners-rescued',
 '2025-03-18', 'All 14 Halden miners brought out alive after four days underground', """
Published March 18th, 2025 - 21:50 GMT
By Tomas Reval

HALDEN – All 14 miners trapped by a tunnel collapse at the Halden copper mine were brought to the surface alive on Tuesday evening, four days after the accident.

The last man out, 58-year-old shift leader Anton Reiss, waved to the crowd at the gate before being taken to hospital in Lorvik for checks. Two of the miners were treated for dehydration.

"They stayed calm in that chamber for four days. They are the heroes, not us," said rescue chief Viktor Samek.

Halden Copper said it would suspend work in the damaged section until an inquiry was complete.

Copyright © 2025 The Lorvik Herald. All rights reserved.
""", 'halden-mine-collapse', 'original',
 junk=['publication date line', 'byline', 'dateline "HALDEN –"', 'copyright line'],
 notes='rescue report')

art('halden-mine-rescue', 'texts/halden-mine-rescue.txt', None, None, None, 'Halden miners rescued after four days', derive(HER_M, subs=[
   ("Published March 18th, 2025 - 21:50 GMT\nBy Tomas Reval\n\nHALDEN – All 14 miners", "Halden miners rescued after four days\n\nAll 14 miners"),
  ], drop=["\n\nCopyright © 2025 The Lorvik Herald. All rights reserved."],
  append="\n\nThis article has been adapted from its original source.\n\nYou may also like\n\n\nSign up to our newsletter for exclusive updates and enhanced content"),
 'halden-mine-collapse', 'copy', 'herald-mine-halden-0318',
 junk=['"This article has been adapted from its original source."', '"You may also like" (empty)', 'newsletter prompt'],
 notes='.txt file; copy of the Herald rescue report')

MPA_R = art('mpa-rail-strike-0317', 'wire.jsonl', 'Meridian Press Agency',
 'https://www.mpa.example/valdoria/2025/03/17/rail-workers-begin-48-hour-strike',
 '2025-03-17', 'Valdoria rail workers begin 48-hour strike over pay', """
LORVIK, March 17 (MPA) – Rail workers across Valdoria began a 48-hour strike on Monday, halting most passenger and freight trains in a dispute over pay.

The Union of Railway Workers said about 9,000 of its members had stopped work. State railway company VRZ said 6,500 employees had joined the strike.

Only 40 of the usual 600 daily passenger trains were running, VRZ said, and about 400,000 commuters were affected.

"Our members have waited three years for a pay rise. They will not wait any longer," union leader Bruno Talev said outside Lorvik Central station.

VRZ said it had offered a 6% rise; the union is asking for 12%.
""", 'rail-strike', 'original')

art('herald-rail-strike-0317', 'outlets/valdoria_press.jsonl', 'The Lorvik Herald',
 'https://www.lorvikherald.example/news/rail-strike-day-one-talev',
 '2025-03-17', 'Empty platforms as rail strike begins', """
Published March 17th, 2025 - 18:45 GMT
By Ilse Varga

LORVIK – Platforms at Lorvik Central were almost empty on Monday as a 48-hour rail strike brought most of the country's trains to a halt.

Union leader Bruno Talev addressed several hundred strikers outside the station at noon.

“Our members have waited three years for a pay rise, and they will not wait any longer. Every month that passes, their wages buy less bread, less fuel, less of everything.

“We did not want this strike. But the company left us no choice, and if there is no serious offer by Wednesday, we will be back on the picket lines next month,” Talev said.

The union says about 9,000 workers have joined the strike. The state railway, VRZ, put the number at 6,500.

VRZ has offered a 6 percent pay rise. The union wants 12 percent.

Copyright © 2025 The Lorvik Herald. All rights reserved.
""", 'rail-strike', 'rewrite', 'mpa-rail-strike-0317',
 junk=['publication date line', 'byline', 'dateline', 'copyright line'],
 notes='own report; Talev quote runs over two paragraphs (first paragraph has no closing quote mark)')

art('northpost-rail-strike-0317', 'outlets/valdoria_press.jsonl', 'NorthPost',
 'https://northpost.example/news/rail-strike-48-hours',
 '2025-03-17', 'Rail strike halts most trains across Valdoria', derive(MPA_R, subs=[
   ("LORVIK, March 17 (MPA) – Rail workers", "(NorthPost.com)- Rail workers"),
   ("in a dispute over pay.", "in a dispute over pay, MPA reported."),
  ], append="\n\n(MPA)\n\n© 2025 NorthPost Media. All rights reserved."),
 'rail-strike', 'copy', 'mpa-rail-strike-0317',
 junk=['outlet self-mention', 'wire credit line "(MPA)"', 'copyright line'],
 notes='wire copy')
