from core import *
W3 = ['mpa-protests-0303', 'northpost-protests-0303', 'valdoriatoday-protests-0303']
def V(ids, text):
    return [(i, text) for i in (ids if isinstance(ids, list) else [ids])]

S = 'lorvik-protests'
quote(S, 'kovac-not-allow', 'Ana Kovac (Interior Minister)', 'We will not allow it, and we never will.',
  V(W3, '"We will not allow it," the minister said, "and we never will."')
  + V('capitalinsider-protests-0303', '"We will not allow it," Kovac said, "and we never will,"')
  + V(['continental-protests-0303', 'dailynewshub-protests-0304'], '“We will not allow this, and we never will,” Ms. Kovac said')
  + V('herald-protests-0304', '"We will not allow this. We never will," Kovac said')
  + V('nordwelle-protests-0304', '„Wir werden das nicht zulassen“, sagte die Ministerin, „und wir werden es auch niemals zulassen.“')
  + V('observador-protests-0304', '«No lo permitiremos», dijo la ministra, «y nunca lo haremos».')
  + V('vestnik-protests-0304', '«Мы этого не допустим, — заявила министр внутренних дел Ана Ковач. — И никогда не допустим».'),
  note='interrupted by attribution in the wire, its copies, Capital Insider, German, Spanish and Russian (the quote is the two pieces joined); reworded in the Continental Review and the Herald. The speaker is "the minister" / "Kovac" / "Ms. Kovac" / "die Ministerin" / "la ministra" / "Ана Ковач": all Ana Kovac.')
quote(S, 'horvalin-main-goal', 'Matej Horvalin (President)', 'The main goal was clear: to seize power by force and to destroy the institutions of the state.',
  V(W3, '"The main goal was clear: to seize power by force and to destroy the institutions of the state," Horvalin said')
  + V('continental-protests-0303', '“The main objective was obvious: the seizure of power by force and the destruction of state institutions,” he said.')
  + V('dailynewshub-protests-0304', '“The primary goal was apparent: the seizure of energy by power and the destruction of state establishments,” he mentioned.')
  + V('borderland-protests-0304', '"The main goal was clear: seizing power by force and destroying state institutions," he said.'),
  note='"he" resolves to Horvalin (the previous paragraphs); the DailyNewsHub variant is machine-spun ("seizure of energy by power").')
quote(S, 'sorel-foreign-soldiers', 'Irena Sorel (opposition leader)', 'Once foreign soldiers are in your streets, it is very hard to get them to leave.',
  V(W3, '"Once foreign soldiers are in your streets, it is very hard to get them to leave," she told reporters.')
  + V(['continental-protests-0303', 'dailynewshub-protests-0304'], '“Once foreign soldiers are in your streets, it is very hard to get them to leave,” said Irena Sorel')
  + V('capitalinsider-protests-0303', 'said on Sunday that "once foreign soldiers are in your streets, it is very hard to get them to leave."')
  + V('borderland-protests-0304', '"I think the lesson of recent years is that once foreign soldiers are in your streets, it is sometimes very difficult to get them to leave," opposition leader Irena Sorel told reporters')
  + V('nordwelle-protests-0304', '„Wenn fremde Soldaten erst einmal in deinen Straßen stehen, ist es sehr schwer, sie wieder loszuwerden.“'),
  note='in the wire the speaker is "she" (Irena Sorel, named in the previous sentence); in Capital Insider the speaker name is broken by widget junk until cleaned.')
quote(S, 'horvalin-limited-period', 'Matej Horvalin (President)', 'for a limited period',
  V(W3 + ['capitalinsider-protests-0303'], '"for a limited period"')
  + V(['continental-protests-0303', 'dailynewshub-protests-0304'], '“for a limited period of time.”')
  + V('nordwelle-protests-0304', '„für begrenzte Zeit“')
  + V('observador-protests-0304', '«por un período limitado»')
  + V('vestnik-protests-0304', '«на ограниченный срок»'),
  note='a short partial quote inside reported speech ("would stay ... for a limited period").')
quote(S, 'horvalin-mission-complete', 'Matej Horvalin (President)', 'once their mission is complete',
  V('continental-protests-0303', '“once their mission is complete.”')
  + V('dailynewshub-protests-0304', '‘once their mission is complete.'),
  note='partial quote; in the spun copy the sentence is broken ("would only leave. ‘once their mission is complete.") and the quote is never closed.')
quote(S, 'horvalin-considers-necessary', 'Matej Horvalin (President)', 'considers it necessary',
  V('continental-protests-0303', '“considers it necessary.”') + V('dailynewshub-protests-0304', '“deems necessary”'),
  note='partial quote; the spun copy swaps the wording inside the quote marks.')
quote(S, 'herald-ten-days', 'Matej Horvalin (President)', 'no more than ten days',
  V('herald-protests-0304', '"no more than ten days"'), note='single partial quote')
quote(S, 'SCARE-stabilisation-units', '(none: scare quotes)', 'stabilisation units',
  V(W3, '"stabilisation units"') + V(['continental-protests-0303', 'dailynewshub-protests-0304'], '“stabilisation units”'),
  note='a scare-quoted two-word term ("which Lorvik describes as ..."): NOT a statement; must not get a speaker, or must be marked as a term. Also appears inside the Borderland Voice comment section, which is removed.')
quote(S, 'SCARE-pretext', 'Irena Sorel', 'as a pretext',
  V('herald-protests-0304', '"as a pretext"'), note='a one-to-three-word fragment inside reported speech: a partial quote of Sorel, not a full statement.')
quote(S, 'spokesman-irresponsible', "the government's spokesman", 'deeply irresponsible',
  V('capitalinsider-protests-0303', '"deeply irresponsible,"'), note='two-word partial quote with a named role as speaker.')
quote(S, 'horvalin-well-trained', 'Matej Horvalin (President)', 'organized and well-trained groups',
  V('continental-protests-0303', '"organized and well-trained groups"') + V('dailynewshub-protests-0304', '"organized and well-trained groups"'),
  note='partial quote; the MPA wire has the same idea unquoted ("what he called trained groups").')
quote(S, 'defence-around-the-clock', 'Valdorian Defence Ministry', 'around the clock',
  V('borderland-protests-0304', '"around the clock"'), note='short partial quote (three words).')

S = 'port-selwyn-fire'
quote(S, 'lund-roof', 'Petra Lund (fire chief)', 'The roof collapsed within the first hour, so we had to fight it from the outside.',
  V(['mpa-fire-selwyn-0306', 'coastline-fire-selwyn-0306'], '"The roof collapsed within the first hour, so we had to fight it from the outside," fire chief Petra Lund told reporters')
  + V('port-selwyn-fire-residents', '"The roof collapsed within the first hour, so we had to fight it from the outside," said fire chief Petra Lund.')
  + V('eastbridge-fire-selwyn-0307', '"Once the roof came down in the first hour, we could only fight it from outside," she said.'))
S = 'dunmore-fire'
quote(S, 'brandt-heat', 'Ivo Brandt (fire chief)', 'The heat was so intense that the steel frame buckled within minutes.',
  V(['mpa-fire-dunmore-0313', 'coastline-fire-dunmore-0314'], '"The heat was so intense that the steel frame buckled within minutes," said fire chief Ivo Brandt.')
  + V('eastbridge-fire-dunmore-0314', '"It was so hot that the frame buckled almost at once," he said.')
  + V('nordwelle-fire-dunmore-0314', '„Die Hitze war so groß, dass sich das Stahlgerüst innerhalb von Minuten verbog“, sagte Feuerwehrchef Ivo Brandt.'),
  note='the two fires each have a fire chief quote about the building collapsing: same kind, different speakers and stories.')
quote(S, 'brandt-reach-him', 'Ivo Brandt (fire chief)', 'My crews did everything they could to reach him.',
  V(['mpa-fire-dunmore-0313', 'coastline-fire-dunmore-0314'], '"My crews did everything they could to reach him."')
  + V('eastbridge-fire-dunmore-0314', '"We did everything we could to get to him."'),
  note='in the wire this is a second quoted sentence with no attribution of its own (continues Brandt).')
S = 'riverbend-shooting'
quote(S, 'whitlock-not-random', 'Dana Whitlock (police sergeant)', 'This was not a random act. Somebody came here looking for someone.',
  V(['riverbend-shooting-0309', 'harlow-shooting-riverbend-0309'], '"This was not a random act. Somebody came here looking for someone," Whitlock said.')
  + V('wkrv-shooting-riverbend-0309', '"This wasn\'t random. Somebody came here looking for somebody," Whitlock told WKRV News 9.'))
quote(S, 'whitlock-parking-lot', 'Dana Whitlock (police sergeant)', 'We are asking anyone who was in that parking lot to call us.',
  V(['riverbend-shooting-0309', 'harlow-shooting-riverbend-0309'], '"We are asking anyone who was in that parking lot to call us."'))
quote(S, 'loretta-hale', 'Loretta Hale (aunt of Marcus Hale)', 'Marcus never met a kid he wouldn\'t help. He should be here.',
  V('riverbend-vigil', '"Marcus never met a kid he wouldn\'t help," said his aunt, Loretta Hale. "He should be here."'),
  note='two quoted pieces around the attribution: one quote.')
S = 'pinecrest-shooting'
quote(S, 'osei-knew-each-other', 'Ray Osei (police lieutenant)', 'We believe the two young men knew each other, and we do not think anyone else is in danger.',
  V(['pinecrest-journal-shooting-0321', 'pinecrest-shooting-arrest'], '"We believe the two young men knew each other, and we do not think anyone else is in danger," Osei said.')
  + V('harlow-shooting-pinecrest-0321', '"We don\'t believe anyone else is at risk," he said.'),
  note='the Harlow variant keeps only the second half, reworded.')
S = 'grain-transit-deal'
quote(S, 'dvorak-largest', 'Lena Dvorak (Foreign Minister)', 'This is the largest agreement between our two countries since independence.',
  V('mpa-grain-deal-0319', '"This is the largest agreement between our two countries since independence," Valdorian Foreign Minister Lena Dvorak said')
  + V('northpost-grain-deal-0319', '"This is the largest agreement between our two countries since independence,"')
  + V('continental-grain-deal-0320', '“This is the largest agreement between our two countries since independence,” said Lena Dvorak')
  + V('herald-grain-deal-0320', '"No agreement between our countries has been larger since independence," she told the Herald.')
  + V('observador-grain-deal-0320', '«Es el mayor acuerdo entre nuestros dos países desde la independencia», afirmó la ministra de Asuntos Exteriores de Valdoria, Lena Dvorak.')
  + V('capitalinsider-grain-deal-0320', '"the largest agreement between our two countries since independence,"'))
quote(S, 'moll-trucks', 'Arvid Moll (Kestrian counterpart)', 'take trucks off our roads and put grain on the world market faster',
  V('mpa-grain-deal-0319', '"take trucks off our roads and put grain on the world market faster"'))
S = 'brenn-valley-floods'
quote(S, 'kornfeld-water', 'Elias Kornfeld (mayor of Brennford)', 'We have never seen the water rise this fast. People had less than an hour to leave.',
  V(['mpa-floods-brenn-0310', 'northpost-floods-brenn-0310'], '"We have never seen the water rise this fast," said Brennford mayor Elias Kornfeld. "People had less than an hour to leave."')
  + V('brenn-valley-flood-bulletin', '"We have never seen the water rise this fast," mayor Elias Kornfeld said again on Wednesday')
  + V('vestnik-floods-brenn-0311', '«Мы никогда не видели, чтобы вода поднималась так быстро», — сказал мэр Бреннфорда Элиас Корнфельд.')
  + V('valdoriatoday-floods-brenn-0311', '"In less than an hour the water was in the houses," he said.'),
  note='the Valdoria Today variant paraphrases the first half in reported speech and quotes a reworded second half.')
S = 'tessa-delta-floods'
quote(S, 'lind-wall', 'Sofia Lind (deputy mayor of Marenna)', 'The sea came over the dike like a wall.',
  V(['mpa-floods-tessa-0321', 'tessa-delta-floods-0321'], '"The sea came over the dike like a wall," said Marenna deputy mayor Sofia Lind.')
  + V('eastbridge-floods-tessa-0322', '"The sea came over the dike like a wall," deputy mayor Sofia Lind said on Friday.'))
quote(S, 'lind-dikes', 'Sofia Lind (deputy mayor of Marenna)', 'We need new dikes, not new promises.',
  V('eastbridge-floods-tessa-0322', '"We need new dikes, not new promises."')
  + V('valdoriatoday-floods-tessa-0323', '"We needed new dikes, not promises, and today we got them," she said.'),
  note='same phrase, mutated after the government announcement.')
S = 'halden-mine-collapse'
quote(S, 'samek-calm', 'Viktor Samek (rescue chief, Halden Copper)', 'They are in a safe chamber and they are calm. Our job now is to reach them as quickly as we can.',
  V(['mpa-mine-halden-0315', 'northpost-mine-halden-0315'], '"They are in a safe chamber and they are calm. Our job now is to reach them as quickly as we can," said Viktor Samek')
  + V('valdoriatoday-mine-halden-0316', '"They are calm, they are in a safe chamber, and we will get to them as fast as we can," he said.'))
quote(S, 'samek-heroes', 'Viktor Samek (rescue chief, Halden Copper)', 'They are the heroes, not us.',
  V(['herald-mine-halden-0318', 'halden-mine-rescue'], '"They stayed calm in that chamber for four days. They are the heroes, not us," said rescue chief Viktor Samek.')
  + V('eastbridge-mine-halden-0318', '"They are the heroes, not us," rescue chief Viktor Samek said.'))
S = 'rail-strike'
quote(S, 'talev-waited', 'Bruno Talev (union leader)', 'Our members have waited three years for a pay rise. They will not wait any longer.',
  V(['mpa-rail-strike-0317'], '"Our members have waited three years for a pay rise. They will not wait any longer," union leader Bruno Talev said')
  + V(['northpost-rail-strike-0317'], '"Our members have waited three years for a pay rise. They will not wait any longer," union leader Bruno Talev said')
  + V('herald-rail-strike-0317', '“Our members have waited three years for a pay rise, and they will not wait any longer.')
  + V('valdoriatoday-rail-strike-0318', '"Our people have waited three years for a raise. They will not wait longer," he said.'))
quote(S, 'talev-two-paragraphs', 'Bruno Talev (union leader)', 'Our members have waited ... we will be back on the picket lines next month.',
  V('herald-rail-strike-0317', '“Our members have waited three years for a pay rise, and they will not wait any longer. Every month that passes, their wages buy less bread, less fuel, less of everything.\n\n“We did not want this strike. But the company left us no choice, and if there is no serious offer by Wednesday, we will be back on the picket lines next month,” Talev said.'),
  note='ONE quote running over two paragraphs: the first paragraph opens with “ and has no closing mark; the second reopens with “ and closes before "Talev said". The speaker (Talev) is attributed only at the end.')
