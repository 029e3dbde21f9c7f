from core import *

def F(story_, measure, subject, rows, status, why, place=''):
    for r in rows:
        ids, text, value = r[0], r[1], r[2]
        qual = r[3] if len(r) > 3 else ''
        note = r[4] if len(r) > 4 else ''
        if isinstance(ids, str): ids = [ids]
        for i in ids:
            fig(story_, measure, subject, i, text, value, qual, note=note, place=place)
    figstatus(story_, measure, subject, status, why, place)

S = 'lorvik-protests'
WIRE3 = ['mpa-protests-0303', 'northpost-protests-0303', 'valdoriatoday-protests-0303']
F(S, 'detained', 'people', [
  (WIRE3, '4,200 people had been detained', 4200),
  ('herald-protests-0304', 'the number of people detained during the unrest at 4,200', 4200),
  ('continental-protests-0303', 'At least 4,200 people have been arrested', 4200, 'at least'),
  ('dailynewshub-protests-0304', 'At least 4,200 individuals have been arrested', 4200, 'at least'),
  ('capitalinsider-protests-0303', 'around 4,200 people were detained', 4200, 'around'),
  ('borderland-protests-0304', 'almost 7,000 people had been detained', 7000, 'almost'),
  ('nordwelle-protests-0304', '4.200 Menschen festgenommen', 4200),
  ('observador-protests-0304', '4.200 personas fueron detenidas', 4200),
  ('vestnik-protests-0304', 'задержаны 4200 человек', 4200),
 ], 'conflict', 'ten reports say 4,200 (exact, "at least" or "around"); Borderland Voice says "almost 7,000" (i.e. a little under 7,000): no single value satisfies both 4,200 and "almost 7,000". Estimate: 4,200 (the value of the official source, carried by most outlets).')
F(S, 'injured', 'people', [
  (WIRE3, 'more than 1,900 injured', 1900, 'more than'),
  ('herald-protests-0304', 'About 2,000 people were injured', 2000, 'about'),
  ('continental-protests-0303', 'more than 1,900 injured', 1900, 'more than'),
  ('dailynewshub-protests-0304', 'greater than 1,900 injured', 1900, 'more than'),
  ('capitalinsider-protests-0303', 'more than 1,900 were injured', 1900, 'more than'),
  ('nordwelle-protests-0304', 'Mehr als 1.900 Menschen wurden verletzt', 1900, 'more than'),
  ('observador-protests-0304', 'más de 1.900 resultaron heridas', 1900, 'más de = more than'),
  ('vestnik-protests-0304', 'более 1900 пострадали', 1900, 'более = more than'),
 ], 'differ', '"more than 1,900" and "about 2,000" are different values, but 2,000 satisfies both.')
F(S, 'killed', 'police', [
  (WIRE3, 'Six police officers and national guard members were killed', 6),
  ('continental-protests-0303', 'More than a dozen police, national guards and soldiers were killed', 12, 'more than'),
  ('dailynewshub-protests-0304', 'More than a dozen police, nationwide guards and troopers had been killed', 12, 'more than'),
  ('nordwelle-protests-0304', 'sechs Polizisten und Angehörige der Nationalgarde kamen ums Leben', 6),
  ('observador-protests-0304', 'Seis policías y miembros de la Guardia Nacional murieron', 6),
  ('vestnik-protests-0304', 'погибли шесть сотрудников полиции и национальной гвардии', 6),
 ], 'conflict', '"six" (exact) and "more than a dozen" (> 12): no value satisfies both. Both cite the Interior Ministry.')
F(S, 'injured', 'police', [
  (WIRE3, 'More than 260 members of the security forces were injured', 260, 'more than'),
  ('continental-protests-0303', 'puts the number of injured officers at 900', 900),
  ('dailynewshub-protests-0304', 'places the variety of injured officers at 900', 900),
 ], 'differ', '900 satisfies "more than 260", so by the rule this is differ, not conflict, even though the gap is large; a report should make the gap visible.')
F(S, 'troops', 'troops', [
  (WIRE3, '1,540 troops', 1540),
  ('capitalinsider-protests-0303', '1,540 troops', 1540),
  ('continental-protests-0303', 'the more than 1,500 troops', 1500, 'more than'),
  ('dailynewshub-protests-0304', 'the more than 1,500 soldiers', 1500, 'more than'),
  ('nordwelle-protests-0304', '1.540 Soldaten', 1540),
  ('observador-protests-0304', '1.540 soldados', 1540),
  ('vestnik-protests-0304', '1540 военнослужащих', 1540),
 ], 'differ', '"more than 1,500" and 1,540 differ as values but 1,540 satisfies both. Estimate: 1,540.')
F(S, 'equipment', 'vehicles', [
  (['mpa-protests-0303', 'valdoriatoday-protests-0303', 'capitalinsider-protests-0303'], '120 armoured vehicles', 120),
  ('northpost-protests-0303', '120 armored vehicles', 120),
 ], 'agree', 'same value everywhere (spelling armoured/armored differs).')
F(S, 'killed', 'people', [
  (WIRE3, 'at least 97 people had died', 97, 'at least', 'RETRACTED: "The statement was later withdrawn"'),
  ('continental-protests-0303', 'at least 97 people had died', 97, 'at least', 'RETRACTED: "issued and then withdrew a statement"'),
  ('dailynewshub-protests-0304', 'at least 97 people had died', 97, 'at least', 'RETRACTED: "issued and then withdrawn a press release"'),
  ('capitalinsider-protests-0303', '97 people had been killed', 97, '', 'withdrawal NOT mentioned ("State media reported")'),
  ('nordwelle-protests-0304', 'mindestens 97 Toten', 97, 'at least', 'RETRACTED: "Mitteilung ... wieder zurückgezogen"'),
  ('observador-protests-0304', 'al menos 97 los muertos', 97, 'at least', 'RETRACTED: "lo retiró horas después"'),
  ('vestnik-protests-0304', 'как минимум о 97 погибших', 97, 'at least', 'RETRACTED: "позднее отозвало это заявление"'),
  ('herald-protests-0304', 'dozens are believed to have been killed', 24, 'dozens (vague, >= 24)'),
  ('borderland-protests-0304', 'Dozens are believed to have been killed', 24, 'dozens (vague, >= 24)'),
 ], 'differ', 'the only number, 97, comes from a Health Ministry statement that was withdrawn, and eight of the nine reports of 97 say so; "dozens" is compatible with 97 but is a different (vague) value, hence differ. The figure must be marked retracted/withdrawn; Capital Insider repeats it without the retraction.')
F(S, 'killed', 'people', [
  ('continental-protests-0303', 'including 58 in Lorvik', 58, '', 'sub-figure, place Lorvik; part of the withdrawn statement'),
 ], 'single', 'place = Lorvik; one report; also retracted.', place='Lorvik')
F(S, 'equipment', 'aircraft', [
  ('borderland-protests-0304', 'more than 30 transport planes', 30, 'more than'),
 ], 'single', 'one report.')
F(S, 'duration', 'withdrawal', [
  ('herald-protests-0304', '"no more than ten days"', 10, 'no more than', 'days'),
 ], 'single', 'one report (Horvalin, quoted).')

S = 'port-selwyn-fire'
F(S, 'evacuated', 'people', [
  ('mpa-fire-selwyn-0306', 'the evacuation of more than 200 residents', 200, 'more than'),
  ('coastline-fire-selwyn-0306', 'the evacuation of more than 200 residents', 200, 'more than'),
  ('eastbridge-fire-selwyn-0307', '240 residents had to leave their homes', 240),
  ('port-selwyn-fire-residents', 'More than 200 people living near the harbour', 200, 'more than'),
 ], 'differ', '240 satisfies "more than 200". (The Coastline title says "200 residents evacuated": titles are not counted.)')
F(S, 'other', 'firefighters', [
  (['mpa-fire-selwyn-0306', 'coastline-fire-selwyn-0306'], 'About 60 firefighters', 60, 'about'),
  ('port-selwyn-fire-residents', 'About 60 firefighters', 60, 'about'),
  ('eastbridge-fire-selwyn-0307', 'some 60 firefighters', 60, 'about'),
 ], 'agree', 'same value (about 60) everywhere.')
F(S, 'injured', 'workers', [
  (['mpa-fire-selwyn-0306', 'coastline-fire-selwyn-0306'], 'Three workers were treated for smoke inhalation', 3),
  ('port-selwyn-fire-residents', 'Three workers were treated for smoke inhalation', 3),
  ('eastbridge-fire-selwyn-0307', 'Three people working night shifts at the warehouse were treated', 3),
 ], 'agree', 'three everywhere.')
F(S, 'equipment', 'fire engines', [
  (['mpa-fire-selwyn-0306', 'coastline-fire-selwyn-0306'], '18 engines', 18),
 ], 'agree', 'one source (the wire) and its copy.')
F(S, 'duration', 'firefighting', [
  (['mpa-fire-selwyn-0306', 'coastline-fire-selwyn-0306'], 'for nine hours', 9, '', 'hours'),
 ], 'agree', 'wire and copy.')

S = 'dunmore-fire'
F(S, 'killed', 'workers', [
  (['mpa-fire-dunmore-0313', 'coastline-fire-dunmore-0314'], 'killing one worker', 1),
  ('eastbridge-fire-dunmore-0314', 'a night watchman was killed', 1),
  ('nordwelle-fire-dunmore-0314', 'ein Wachmann ums Leben gekommen', 1),
 ], 'agree', 'one dead everywhere.')
F(S, 'injured', 'workers', [
  (['mpa-fire-dunmore-0313', 'coastline-fire-dunmore-0314'], 'injuring two others', 2),
  ('eastbridge-fire-dunmore-0314', 'Two other workers suffered burns', 2),
  ('nordwelle-fire-dunmore-0314', 'Zwei weitere Arbeiter erlitten Verbrennungen', 2),
 ], 'agree', 'two everywhere.')
F(S, 'evacuated', 'people', [
  (['mpa-fire-dunmore-0313', 'coastline-fire-dunmore-0314'], 'Eighty people', 80),
  ('eastbridge-fire-dunmore-0314', 'About 80 residents', 80, 'about'),
  ('nordwelle-fire-dunmore-0314', '80 Bewohner', 80),
 ], 'agree', 'same value 80 ("about 80" has the same value).')
F(S, 'other', 'firefighters', [
  (['mpa-fire-dunmore-0313', 'coastline-fire-dunmore-0314'], 'About 45 firefighters', 45, 'about'),
  ('nordwelle-fire-dunmore-0314', 'Rund 45 Feuerwehrleute', 45, 'about'),
 ], 'agree', 'same value.')
F(S, 'other', 'employees', [
  ('mpa-fire-dunmore-0313', 'employs about 300 people', 300, 'about'),
  ('eastbridge-fire-dunmore-0314', 'employs about 300 people', 300, 'about'),
  ('nordwelle-fire-dunmore-0314', 'rund 300 Menschen beschäftigt', 300, 'about'),
 ], 'agree', 'company size, not a casualty figure.')

S = 'riverbend-shooting'
F(S, 'killed', 'people', [
  (['riverbend-shooting-0309', 'harlow-shooting-riverbend-0309'], 'Two men were killed', 2),
  ('wkrv-shooting-riverbend-0309', 'two men killed', 2),
  ('riverbend-shooting-0310', 'the shooting that killed two men', 2),
  ('riverbend-vigil', 'the two men killed', 2),
 ], 'agree', 'two everywhere.')
F(S, 'injured', 'people', [
  (['riverbend-shooting-0309', 'harlow-shooting-riverbend-0309'], 'three other people were wounded', 3),
  ('wkrv-shooting-riverbend-0309', 'four people were wounded', 4),
  ('riverbend-shooting-0310', 'four counts of attempted murder, one for each person who was wounded', 4, '', 'implied count'),
  ('riverbend-vigil', 'Four other people were wounded', 4),
 ], 'conflict', 'three (first report and its copy) vs four (later reports: a fourth victim came to hospital on his own). Exact counts that differ: conflict; the later value 4 is the better estimate.')
F(S, 'other', 'shell casings', [
  (['riverbend-shooting-0309', 'harlow-shooting-riverbend-0309'], 'more than 20 shell casings', 20, 'more than'),
 ], 'agree', 'one source and its copy.')
F(S, 'money', 'debt', [
  ('riverbend-shooting-0310', '$300', 300),
 ], 'single', 'a debt, mentioned once.')

S = 'pinecrest-shooting'
F(S, 'killed', 'people', [
  (['pinecrest-journal-shooting-0321', 'pinecrest-shooting-arrest'], 'A 17-year-old boy was killed', 1, '', 'count expressed by "A"'),
  ('wkrv-shooting-pinecrest-0320', 'One person is dead', 1),
  ('harlow-shooting-pinecrest-0321', 'A Pinecrest High School junior was shot and killed', 1),
  ('pinecrest-journal-shooting-0322', 'killed 17-year-old Tyler Voss', 1),
 ], 'agree', 'one dead everywhere (17 is an age, not a count).')
F(S, 'injured', 'people', [
  (['pinecrest-journal-shooting-0321', 'pinecrest-shooting-arrest'], 'a 45-year-old woman was wounded', 1),
  ('wkrv-shooting-pinecrest-0320', 'another hurt', 1),
  ('harlow-shooting-pinecrest-0321', 'a woman inside her apartment was struck by a stray bullet', 1),
 ], 'agree', 'one wounded everywhere (45 is an age).')

S = 'grain-transit-deal'
F(S, 'money', 'agreement value', [
  ('mpa-grain-deal-0319', 'worth $1.2 billion', 1.2e9),
  ('northpost-grain-deal-0319', 'worth $1.2 billion', 1.2e9),
  ('herald-grain-deal-0320', 'worth 1.2 billion dollars', 1.2e9),
  ('continental-grain-deal-0320', 'worth $1.2 billion', 1.2e9),
  ('observador-grain-deal-0320', '1.200 millones de dólares', 1.2e9),
  ('capitalinsider-grain-deal-0320', '$1.2 billion', 1.2e9),
 ], 'agree', 'the same amount written four ways ($1.2 billion, 1.2 billion dollars, 1.200 millones de dólares, $1.2B in a title).')
F(S, 'percent', 'rail tariff cut', [
  ('mpa-grain-deal-0319', 'by 15%', 15), ('northpost-grain-deal-0319', 'by 15%', 15),
  ('herald-grain-deal-0320', '15 percent below', 15), ('continental-grain-deal-0320', 'by 15 percent', 15),
  ('observador-grain-deal-0320', 'un 15 %', 15), ('capitalinsider-grain-deal-0320', 'by 15%', 15),
 ], 'agree', 'same value.')
F(S, 'duration', 'agreement', [
  ('mpa-grain-deal-0319', 'run for five years', 5, '', 'years'), ('northpost-grain-deal-0319', 'run for five years', 5, '', 'years'),
  ('herald-grain-deal-0320', 'over five years', 5, '', 'years'), ('continental-grain-deal-0320', 'over five years', 5, '', 'years'),
  ('observador-grain-deal-0320', 'vigencia de cinco años', 5, '', 'years'), ('capitalinsider-grain-deal-0320', 'for five years', 5, '', 'years'),
 ], 'agree', 'same value.')
F(S, 'other', 'grain tonnes per year', [
  ('mpa-grain-deal-0319', 'up to 3 million tonnes', 3e6, 'up to'),
  ('herald-grain-deal-0320', 'up to three million tonnes', 3e6, 'up to'),
  ('observador-grain-deal-0320', 'hasta 3 millones de toneladas', 3e6, 'up to'),
 ], 'agree', 'same value.')
F(S, 'money', 'railway extra revenue', [
  ('mpa-grain-deal-0319', '140 million euros a year', 1.4e8, '', 'extra revenue per year'),
 ], 'single', 'one report; not the same subject as the losses below: the two must NOT be compared as one figure.')
F(S, 'money', 'railway losses', [
  ('continental-grain-deal-0320', '310 million euros', 3.1e8, '', 'last year\'s losses'),
 ], 'single', 'one report; a different subject from the extra revenue above.')

S = 'brenn-valley-floods'
F(S, 'evacuated', 'people', [
  (['mpa-floods-brenn-0310', 'northpost-floods-brenn-0310'], 'the evacuation of 3,400 people', 3400),
  ('vestnik-floods-brenn-0311', 'эвакуированы 3400 человек', 3400),
  ('valdoriatoday-floods-brenn-0311', 'more than 3,000 people were still unable to return', 3000, 'more than', 'displaced rather than evacuated'),
 ], 'differ', '3,400 satisfies "more than 3,000". (Valdoria Today counts people still displaced a day later; measure displaced is also acceptable, then both are single/agree.)')
F(S, 'killed', 'people', [
  (['mpa-floods-brenn-0310', 'northpost-floods-brenn-0310'], 'five people were killed', 5),
  ('vestnik-floods-brenn-0311', 'пять человек погибли', 5),
  ('valdoriatoday-floods-brenn-0311', 'Five people died', 5),
  ('brenn-valley-flood-bulletin', 'bringing the death toll in the Brenn valley to seven', 7, '', 'update two days later: the two missing were found dead'),
 ], 'conflict', 'five (10-11 March) vs seven (12 March update): exact counts that differ; the later value 7 is the best estimate.')
F(S, 'missing', 'people', [
  (['mpa-floods-brenn-0310', 'northpost-floods-brenn-0310'], 'Two people are missing', 2),
  ('vestnik-floods-brenn-0311', 'Ещё двое числятся пропавшими без вести', 2),
  ('valdoriatoday-floods-brenn-0311', 'the search continued for two people', 2),
 ], 'agree', 'two everywhere.')
F(S, 'other', 'homes flooded', [
  (['mpa-floods-brenn-0310', 'northpost-floods-brenn-0310'], 'About 1,200 homes were flooded', 1200, 'about'),
  ('vestnik-floods-brenn-0311', 'Затоплены около 1200 домов', 1200, 'about'),
 ], 'agree', 'same value.')
F(S, 'troops', 'soldiers', [
  (['mpa-floods-brenn-0310'], 'The army sent 400 soldiers', 400),
  (['northpost-floods-brenn-0310'], 'The army has sent 400 soldiers', 400),
  ('brenn-valley-flood-bulletin', 'the 400 soldiers', 400),
 ], 'agree', 'same value.')
F(S, 'equipment', 'boats', [
  (['mpa-floods-brenn-0310', 'northpost-floods-brenn-0310'], '30 boats', 30),
 ], 'agree', 'wire and copy.')

S = 'tessa-delta-floods'
F(S, 'killed', 'people', [
  (['mpa-floods-tessa-0321', 'tessa-delta-floods-0321'], 'Two people drowned', 2),
  ('eastbridge-floods-tessa-0322', 'Three people have died', 3),
  ('valdoriatoday-floods-tessa-0323', 'Three people died', 3),
  ('raw_nul', 'Three people died', 3),
 ], 'conflict', 'two (day 1) vs three (day 2 onwards, a third body was found): conflict; best estimate 3.')
F(S, 'evacuated', 'people', [
  (['mpa-floods-tessa-0321', 'tessa-delta-floods-0321'], '1,100 were evacuated', 1100),
  ('eastbridge-floods-tessa-0322', 'About 1,100 people', 1100, 'about'),
  ('valdoriatoday-floods-tessa-0323', 'About 1,100 residents were evacuated', 1100, 'about'),
  ('raw_nul', 'the 1,100 people evacuated', 1100),
 ], 'agree', 'same value.')
F(S, 'money', 'dike repairs', [
  ('valdoriatoday-floods-tessa-0323', '85 million euros', 8.5e7),
 ], 'single', 'one report.')

S = 'halden-mine-collapse'
F(S, 'other', 'miners trapped', [
  (['mpa-mine-halden-0315', 'northpost-mine-halden-0315'], 'Fourteen miners were trapped', 14),
  ('valdoriatoday-mine-halden-0316', 'At least 12 miners are trapped', 12, 'at least'),
  ('valdoriatoday-mine-halden-0316', 'fourteen men were underground', 14),
  (['herald-mine-halden-0318', 'halden-mine-rescue'], 'All 14 miners trapped', 14),
  ('eastbridge-mine-halden-0318', 'Fourteen miners trapped', 14),
 ], 'differ', '"at least 12" (local officials) and 14 (operator, everyone else): 14 satisfies both. Measure: other (trapped) unless the vocabulary gains "trapped"; missing is also defensible.')
F(S, 'other', 'rescuers', [
  (['mpa-mine-halden-0315', 'northpost-mine-halden-0315'], 'About 120 rescuers', 120, 'about'),
 ], 'agree', 'wire and copy.')
F(S, 'duration', 'entrapment', [
  (['herald-mine-halden-0318', 'halden-mine-rescue'], 'four days after the accident', 4, '', 'days'),
 ], 'agree', 'same value.')
F(S, 'injured', 'miners', [
  (['herald-mine-halden-0318', 'halden-mine-rescue'], 'Two of the miners were treated for dehydration', 2),
 ], 'agree', 'one report and its copy. ("None was reported injured" in the wire refers to the time of the collapse.)')

S = 'rail-strike'
F(S, 'other', 'strikers', [
  (['mpa-rail-strike-0317', 'northpost-rail-strike-0317'], 'about 9,000 of its members had stopped work', 9000, 'about', 'union'),
  (['mpa-rail-strike-0317', 'northpost-rail-strike-0317'], '6,500 employees had joined the strike', 6500, '', 'company VRZ'),
  ('herald-rail-strike-0317', 'about 9,000 workers have joined the strike', 9000, 'about', 'union'),
  ('herald-rail-strike-0317', 'put the number at 6,500', 6500, '', 'VRZ'),
  ('valdoriatoday-rail-strike-0318', '6,500 employees were on strike', 6500, '', 'VRZ'),
  ('valdoriatoday-rail-strike-0318', 'about 9,000', 9000, 'about', 'union'),
  ('borderland-rail-strike-0318', 'about 9,000 workers had taken part', 9000, 'about', 'union'),
 ], 'conflict', 'union "about 9,000" vs company 6,500: no value satisfies both (6,500 is not about 9,000). The attribution differs (union vs VRZ) and should be shown.')
F(S, 'duration', 'strike', [
  (['mpa-rail-strike-0317', 'northpost-rail-strike-0317'], '48-hour strike', 48, '', 'hours'),
  ('herald-rail-strike-0317', '48-hour rail strike', 48, '', 'hours'),
  ('valdoriatoday-rail-strike-0318', '48-hour rail strike', 48, '', 'hours'),
  ('borderland-rail-strike-0318', '48-hour rail strike', 48, '', 'hours'),
 ], 'agree', 'same value.')
F(S, 'percent', 'pay offer', [
  (['mpa-rail-strike-0317', 'northpost-rail-strike-0317'], 'offered a 6% rise', 6),
  ('herald-rail-strike-0317', 'offered a 6 percent pay rise', 6),
  ('borderland-rail-strike-0318', 'its 6% offer', 6),
 ], 'agree', 'same value.')
F(S, 'percent', 'pay demand', [
  (['mpa-rail-strike-0317', 'northpost-rail-strike-0317'], 'asking for 12%', 12),
  ('herald-rail-strike-0317', 'wants 12 percent', 12),
 ], 'agree', 'same value; a different subject from the offer (6%): must not be compared with it.')
F(S, 'other', 'commuters affected', [
  (['mpa-rail-strike-0317', 'northpost-rail-strike-0317'], 'about 400,000 commuters were affected', 400000, 'about'),
 ], 'agree', 'wire and copy.')
