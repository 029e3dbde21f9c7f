from core import *

story('lorvik-protests', 'Tariff protests in Valdoria turn violent; thousands detained; Northern Compact troops deployed (3-5 March 2025)')

MPA1 = art('mpa-protests-0303', 'wire.jsonl', 'Meridian Press Agency',
 'https://www.mpa.example/world/2025/03/03/valdoria-detains-thousands-after-tariff-protests',
 '2025-03-03', 'Valdoria detains thousands after tariff protests; allied troops to stay "for a limited period"', """
LORVIK, March 3 (MPA) – Valdoria's Interior Ministry said on Monday that 4,200 people had been detained and more than 1,900 injured after a week of protests over higher water and power tariffs turned violent in the capital and in the river port of Ostrel.

Six police officers and national guard members were killed in the unrest, the ministry said. More than 260 members of the security forces were injured.

President Matej Horvalin told a video conference of the Northern Compact, a four-nation security alliance, that 1,540 troops and 120 armoured vehicles sent by the alliance at his request would stay "for a limited period", but he gave no date for their withdrawal.

"The main goal was clear: to seize power by force and to destroy the institutions of the state," Horvalin said, blaming what he called trained groups that had entered the country from abroad. He offered no evidence.

Interior Minister Ana Kovac said the government would not tolerate further attacks on public buildings after crowds set fire to the city hall in Ostrel on Thursday. "We will not allow it," the minister said, "and we never will."

The alliance troops, which Lorvik describes as "stabilisation units", are guarding power stations, the airport and government buildings in the capital.

The Health Ministry issued a statement on Sunday saying at least 97 people had died in the violence, most of them in Lorvik. The statement was later withdrawn without explanation.

Opposition leader Irena Sorel, who has called for the tariff rise to be reversed, said the deployment set a dangerous precedent. "Once foreign soldiers are in your streets, it is very hard to get them to leave," she told reporters.

The protests began on Feb. 24 in Ostrel after the government lifted a cap on household water and electricity prices, a move that roughly doubled monthly bills. A 47-year-old teacher arrested at a rally on Marszal Avenue was released on Saturday, his lawyer said.

Horvalin, 61, has led Valdoria since the 2019 constitutional reform.
""", 'lorvik-protests', 'original')

# NorthPost: wire copy with light edits, self-mention, MPA credit, newsletter/share/copyright junk.
art('northpost-protests-0303', 'outlets/valdoria_press.jsonl', 'NorthPost',
 'https://northpost.example/news/valdoria-4200-detained-protests',
 '2025-03-03', 'Valdoria: 4,200 detained as tariff protests turn deadly', derive(MPA1, subs=[
   ("LORVIK, March 3 (MPA) – Valdoria's Interior Ministry said on Monday that", "(NorthPost.com)- Valdoria's Interior Ministry said Monday that"),
   ("armoured vehicles", "armored vehicles"),
   ("He offered no evidence.", "He did not offer evidence."),
   ("Interior Minister Ana Kovac said the government", "Sign up for the NorthPost Morning Briefing: the day's top stories in your inbox every morning.\n\nInterior Minister Ana Kovac said the government"),
  ], drop=["\n\nHorvalin, 61, has led Valdoria since the 2019 constitutional reform."],
  append="\n\n(MPA)\n\nShare this article: Facebook | X | WhatsApp | Email\n\n© 2025 NorthPost Media. All rights reserved."),
 'lorvik-protests', 'copy', 'mpa-protests-0303',
 junk=['outlet self-mention "(NorthPost.com)-" (metadata: outlet)',
       'newsletter prompt "Sign up for the NorthPost Morning Briefing..." between two paragraphs',
       'wire credit line "(MPA)"', 'share prompt "Share this article: ..."', 'copyright line "© 2025 NorthPost Media..."'],
 notes='light edits: "on Monday"->"Monday", "armoured"->"armored", one sentence reworded, last paragraph dropped')

# Valdoria Today: wire pick-up "MPA reported", date line, caption twice, "You may also like".
VT_CAP = "Riot police stand guard outside the burned city hall in Ostrel on March 1, 2025. (Photo: Valdoria Today / Luka Brenner)"
art('valdoriatoday-protests-0303', 'outlets/valdoria_press.jsonl', 'Valdoria Today',
 'https://valdoriatoday.example/2025/03/03/interior-ministry-4200-detained',
 '2025-03-03', 'Interior Ministry: 4,200 detained, six officers killed in week of unrest', derive(MPA1, subs=[
   ("LORVIK, March 3 (MPA) – Valdoria's Interior Ministry said on Monday that 4,200 people had been detained and more than 1,900 injured after a week of protests over higher water and power tariffs turned violent in the capital and in the river port of Ostrel.",
    "Published March 3rd, 2025 - 14:20 GMT\n" + VT_CAP + "\n\nValdoria's Interior Ministry said on Monday that 4,200 people had been detained and more than 1,900 injured after a week of protests over higher water and power tariffs turned violent in the capital and in the river port of Ostrel, MPA reported."),
   ("Six police officers and national guard members were killed in the unrest, the ministry said.", "Six police officers and national guard members were killed in the unrest, the ministry said, according to the agency."),
   ("The alliance troops, which", VT_CAP + "\n\nThe alliance troops, which"),
  ], drop=["\n\nThe protests began on Feb. 24 in Ostrel after the government lifted a cap on household water and electricity prices, a move that roughly doubled monthly bills. A 47-year-old teacher arrested at a rally on Marszal Avenue was released on Saturday, his lawyer said."],
  append="\n\nYou may also like\n\nOstrel city hall: what is left after the fire\nTariff cap: what changes on your March bill\nHorvalin at 61: six years of the 2019 reform\n\nDo you like this article?"),
 'lorvik-protests', 'copy', 'mpa-protests-0303',
 junk=['publication date line "Published March 3rd, 2025 - 14:20 GMT" (metadata: date)',
       'photo caption repeated twice (top and mid-article)',
       '(not junk: the wire credits inside sentences, "MPA reported" and "according to the agency", are attribution and stay)',
       '"You may also like" block with three headlines', '"Do you like this article?" prompt'],
 notes='wire pick-up: first sentence re-attributed, one paragraph dropped, otherwise verbatim')

# The Lorvik Herald: own reporting, different words; byline, date line, caption, adapted-from, copyright, newsletter.
HER_CAP = "Protesters gather on Marszal Avenue in Lorvik on March 2, 2025. (Photo by Mira Holt / Lorvik Herald)"
art('herald-protests-0304', 'outlets/valdoria_press.jsonl', 'The Lorvik Herald',
 'https://www.lorvikherald.example/politics/compact-troops-begin-withdrawal-plan',
 '2025-03-04', 'Compact troops will leave "within ten days", Horvalin says', """
Published March 4th, 2025 - 10:15 GMT
By Tomas Reval
""" + HER_CAP + """
Compact troops to start leaving in two days

President Matej Horvalin said on Tuesday that the troops sent by the Northern Compact would begin to leave Valdoria in two days and that their withdrawal would take "no more than ten days".

Speaking to members of parliament, Horvalin said the alliance's main task had been completed and that order had returned to Lorvik and Ostrel.

The Interior Ministry has put the number of people detained during the unrest at 4,200. About 2,000 people were injured, and dozens are believed to have been killed, although no official death toll has been published.

Interior Minister Ana Kovac told the chamber that attacks on public buildings would be punished. "We will not allow this. We never will," Kovac said, to applause from the governing benches.

The opposition walked out of the session. Irena Sorel, who leads the largest opposition party, said the government had used the unrest "as a pretext" to silence critics.

The protests began in Ostrel on February 24, when the government lifted the cap on household water and power prices. Monthly bills roughly doubled within a week.

This article has been adapted from its original source.

Copyright © 2025 The Lorvik Herald. All rights reserved.

You may also like


Sign up to our newsletter for exclusive updates and enhanced content
""", 'lorvik-protests', 'original',
 junk=['publication date line "Published March 4th, 2025 - 10:15 GMT" (metadata: date)', 'byline "By Tomas Reval" (metadata: byline)',
       'photo caption line and a teaser line "Compact troops to start leaving in two days" before the body',
       '"This article has been adapted from its original source."', 'copyright line', '"You may also like" (empty)',
       'newsletter prompt "Sign up to our newsletter..."'],
 notes='independent report; day-later follow-up')

# Continental Review: rewrite in other words with more context; "Leave a Comment" at the end.
CR1 = art('continental-protests-0303', 'outlets/international.jsonl', 'Continental Review',
 'https://www.continentalreview.example/2025/03/03/world/valdoria-horvalin-compact-troops.html',
 '2025-03-03', 'Allied troops will leave Valdoria only when their work is done, Horvalin says', """
LORVIK – President Matej Horvalin of Valdoria said on Monday that the unrest that has shaken his country was the work of "organized and well-trained groups" and that the more than 1,500 troops sent by the Northern Compact as “stabilisation units” would only leave “once their mission is complete.”

Mr. Horvalin said the troops would stay “for a limited period of time.” But he set no deadline for a withdrawal, saying they would remain as long as the government in Lorvik “considers it necessary.”

His remarks, made at a video conference of the Northern Compact, a security alliance of four states that Valdoria joined in 2011, were his first since protests against higher water and power tariffs began peacefully in Ostrel and then turned violent.

Mr. Horvalin compared the unrest to protests in a neighboring country that led to the fall of its pro-government cabinet. Those protests in 2014 were also blamed by officials in Lorvik on foreign money.

“The main objective was obvious: the seizure of power by force and the destruction of state institutions,” he said.

At least 4,200 people have been arrested and more than 1,900 injured, according to the Interior Ministry. The Health Ministry issued and then withdrew a statement saying at least 97 people had died, including 58 in Lorvik.

More than a dozen police, national guards and soldiers were killed, according to the Interior Ministry, which puts the number of injured officers at 900.

Interior Minister Ana Kovac struck a harder tone. “We will not allow this, and we never will,” Ms. Kovac said of the attacks on public buildings.

It is difficult to assess the situation inside Valdoria, where mobile internet has been cut for most of the past week, and neither Mr. Horvalin nor Ms. Kovac has offered evidence for the claims of foreign involvement.

Critics say the deployment makes Mr. Horvalin dependent on his allies for his hold on power. “Once foreign soldiers are in your streets, it is very hard to get them to leave,” said Irena Sorel, the opposition leader.

Leave a Comment
""", 'lorvik-protests', 'rewrite', 'mpa-protests-0303',
 junk=['"Leave a Comment" prompt at the end', 'dateline "LORVIK –" (metadata: dateline)'],
 notes='rewrite of the MPA story in other words with added context; shares facts and two quotes (Sorel verbatim, Horvalin and Kovac reworded)')

# DailyNewsHub: machine-spun copy of the Continental Review story (synonym swaps, broken sentences).
art('dailynewshub-protests-0304', 'outlets/international.jsonl', 'DailyNewsHub',
 'https://dailynewshub.example/allied-soldiers-to-stay-to-finish-work-in-valdoria-horvalin-says/',
 '2025-03-04', 'Allied soldiers to stay to finish work in Valdoria, Horvalin says', derive(CR1, subs=[
   ("President Matej Horvalin of Valdoria said on Monday that the unrest that has shaken his country was the work of",
    "President Matej Horvalin of Valdoria stated on Monday that the turmoil that has rocked his nation was the work of"),
   ("the more than 1,500 troops sent by the Northern Compact as “stabilisation units” would only leave “once their mission is complete.”",
    "the more than 1,500 soldiers despatched by the Northern Compact as “stabilisation units” would only leave. ‘once their mission is complete."),
   ("Mr. Horvalin said the troops would stay “for a limited period of time.” But he set no deadline for a withdrawal, saying they would remain as long as the government in Lorvik “considers it necessary.”",
    "Mr. Horvalin stated the soldiers would remain “for a limited period of time.” However he set no deadline for a pullout, saying they would stay as long as the government in Lorvik “deems necessary”, citing the possibility that they could be in the nation indefinitely."),
   ("His remarks, made at a video conference", "His feedback, made at a video convention"),
   ("protests against higher water and power tariffs began peacefully in Ostrel and then turned violent.",
    "demonstrations against larger water and energy tariffs started peacefully in Ostrel and then turned violent."),
   ("Mr. Horvalin compared the unrest to protests in a neighboring country that led to the fall of its pro-government cabinet. Those protests in 2014 were also blamed by officials in Lorvik on foreign money.",
    "Mr. Horvalin compared the turmoil to demonstrations in a neighboring nation that led to the pro government's fall. The cabinet's protests in 2014. These were additionally blamed by officers in Lorvik on foreign cash."),
   ("“The main objective was obvious: the seizure of power by force and the destruction of state institutions,” he said.",
    "“The primary goal was apparent: the seizure of energy by power and the destruction of state establishments,” he mentioned."),
   ("At least 4,200 people have been arrested and more than 1,900 injured, according to the Interior Ministry. The Health Ministry issued and then withdrew a statement",
    "At least 4,200 individuals have been arrested and greater than 1,900 injured, in accordance with the Interior Ministry. The Health Ministry issued and then withdrawn a press release"),
   ("More than a dozen police, national guards and soldiers were killed, according to the Interior Ministry, which puts the number of injured officers at 900.",
    "More than a dozen police, nationwide guards and troopers had been killed, in accordance with the Interior Ministry, which places the variety of injured officers at 900."),
   ("Interior Minister Ana Kovac struck a harder tone.", "Interior Minister Ana Kovac struck a more durable tone."),
   ("It is difficult to assess the situation inside Valdoria, where mobile internet has been cut for most of the past week,",
    "It's troublesome to evaluate the scenario inside Valdoria, the place cellular web has been reduce for many of the previous week,"),
   ("Critics say the deployment makes Mr. Horvalin dependent on his allies for his hold on power.",
    "Critics say the deployment makes Mr. Horvalin depending on his allies for his maintain on energy. many."),
   ("Leave a Comment", "Related Posts\n\nLeave a Comment"),
  ]),
 'lorvik-protests', 'spun', 'continental-protests-0303',
 junk=['"Related Posts" header', '"Leave a Comment" prompt'],
 notes='machine-spun copy of continental-protests-0303: synonym swaps (stated, turmoil, soldiers, despatched, demonstrations, energy for power), broken sentences ("would only leave. ‘once their mission is complete.", "the pro government\'s fall. The cabinet\'s protests in 2014.", "hold on energy. many."); every figure kept; the Sorel quote survives verbatim')

# Capital Insider: aggregated report with inline widget junk glued into sentences.
art('capitalinsider-protests-0303', 'outlets/international.jsonl', 'Capital Insider',
 'https://capitalinsider.example/policy/international/valdoria-minister-vows-crackdown',
 '2025-03-03', 'Valdoria minister vows no more attacks on state buildings after deadly unrest', """
Interior Minister Ana KovacAna KovacLatest: Valdoria minister vows to restore order Kovac faces no-confidence vote next week Opposition demands reversal of tariff rise MORE said Monday that the government would not allow further attacks on public buildings, according to reports.

"We will not allow it," Kovac said, "and we never will," MPA reported.

President Matej Horvalin said the Northern Compact mission included 1,540 troops and 120 armoured vehicles, MPA reported. He added that the troops would remain "for a limited period" without giving a withdrawal date, according to the Continental Review.

Horvalin blamed the unrest on groups trained abroad, without providing evidence. Demonstrators have voiced anger at the doubling of household water and power bills.

The Continental Review reported that around 4,200 people were detained and more than 1,900 were injured in a week of unrest. State media reported that 97 people had been killed, according to MPA.

Opposition leader Irena SorelIrena SorelLatest: Sorel calls for snap elections Lorvik protests enter second week Who is Irena Sorel? MORE said on Sunday that "once foreign soldiers are in your streets, it is very hard to get them to leave."

The government's spokesman called Sorel's comments "deeply irresponsible," MPA reported.
""", 'lorvik-protests', 'rewrite', 'mpa-protests-0303',
 junk=['inline widget text glued into a sentence twice: "Ana KovacAna KovacLatest: ... MORE said" must read "Interior Minister Ana Kovac said"; "Irena SorelIrena SorelLatest: ... MORE said" must read "Opposition leader Irena Sorel said"'],
 notes='aggregation citing MPA and the Continental Review; repeats the 97 deaths without saying the statement was withdrawn')

# Borderland Voice: own report with joint byline, repeated caption, dateline, comment section.
BV_CAP = "Armoured vehicles of the Northern Compact at Lorvik airport in a video posted online March 2. [Valdorian Ministry of Defence]"
art('borderland-protests-0304', 'outlets/international.jsonl', 'Borderland Voice',
 'https://borderlandvoice.example/en_GB/articles/cii/features/2025/03/04/feature-01',
 '2025-03-04', 'Allied troops keep arriving in Valdoria despite declared end of unrest', """
By Borderland Voice and MPA

""" + BV_CAP + """

""" + BV_CAP + """

OSTREL -- Troops of the Northern Compact continue to arrive in Valdoria even though the government says the unrest that shook the country last week is over.

President Matej Horvalin on Monday (March 3) said security forces were in control of the whole country.

Dozens are believed to have been killed, and the Interior Ministry on Monday said that almost 7,000 people had been detained by security forces.

Horvalin told a video conference of Northern Compact leaders that his government had defeated an attempt to take power.

"The main goal was clear: seizing power by force and destroying state institutions," he said.

The Valdorian Defence Ministry said on Sunday that more than 30 transport planes were flying "around the clock" to bring allied troops to Lorvik airport.

Some observers expect the troops to stay longer than announced.

"I think the lesson of recent years is that once foreign soldiers are in your streets, it is sometimes very difficult to get them to leave," opposition leader Irena Sorel told reporters last week.

Do you like this article?

4 Comment(s)

Comment Policy * Denotes Required Field 1500 / 1500

Why are foreign soldiers guarding our power stations?


They will never leave. Ask anyone in Ostrel what the "stabilisation units" are doing at night.

Comment removed for violating comments policy

Is that from your own experience?
""", 'lorvik-protests', 'original',
 junk=['byline "By Borderland Voice and MPA" (metadata: byline)', 'photo caption repeated twice',
       'dateline "OSTREL --" (metadata: dateline)', '"Do you like this article?" prompt',
       'comment section after the "4 Comment(s)" header: everything from the header to the end goes, including the comment policy line and the comments'],
 notes='independent report; its detained figure (almost 7,000) conflicts with the 4,200 of every other outlet')

art('nordwelle-protests-0304', 'outlets/foreign.jsonl', 'Nordwelle',
 'https://www.nordwelle.example/ausland/valdoria-festnahmen-proteste-strompreise-100.html',
 '2025-03-04', 'Valdoria: 4.200 Festnahmen nach Protesten gegen höhere Strompreise', """
LORVIK – Nach den gewaltsamen Protesten gegen höhere Wasser- und Strompreise sind in Valdoria nach Angaben des Innenministeriums 4.200 Menschen festgenommen worden. Mehr als 1.900 Menschen wurden verletzt, sechs Polizisten und Angehörige der Nationalgarde kamen ums Leben.

Präsident Matej Horvalin sagte am Montag in einer Videokonferenz des Nordpakts, die 1.540 Soldaten des Bündnisses würden nur „für begrenzte Zeit“ im Land bleiben. Einen Termin für den Abzug nannte er nicht.

Innenministerin Ana Kovac kündigte ein hartes Vorgehen gegen Angriffe auf öffentliche Gebäude an. „Wir werden das nicht zulassen“, sagte die Ministerin, „und wir werden es auch niemals zulassen.“

Newsletter: Jetzt kostenlos abonnieren und keine Nachricht aus Osteuropa verpassen.

Das Gesundheitsministerium hatte am Sonntag von mindestens 97 Toten gesprochen, die Mitteilung aber wenig später wieder zurückgezogen.

Die Proteste hatten am 24. Februar in der Hafenstadt Ostrel begonnen, nachdem die Regierung die Preisobergrenze für Wasser und Strom aufgehoben hatte. Die monatlichen Rechnungen vieler Haushalte haben sich seitdem etwa verdoppelt.

Oppositionsführerin Irena Sorel warnte: „Wenn fremde Soldaten erst einmal in deinen Straßen stehen, ist es sehr schwer, sie wieder loszuwerden.“

Mit Material von MPA

Diesen Artikel teilen: Facebook | X | E-Mail

© Nordwelle 2025 – Alle Rechte vorbehalten
""", 'lorvik-protests', 'translation', 'mpa-protests-0303', lang='de',
 junk=['newsletter prompt "Newsletter: Jetzt kostenlos abonnieren..."', 'share prompt "Diesen Artikel teilen: ..."',
       'copyright line "© Nordwelle 2025 – Alle Rechte vorbehalten"', 'credit line "Mit Material von MPA" (wire credit; may stay)'],
 notes='German report based on the MPA wire; numbers use "." as thousands separator (4.200, 1.900, 1.540)')

art('observador-protests-0304', 'outlets/foreign.jsonl', 'El Observador del Sur',
 'https://observadorsur.example/internacional/2025/03/04/valdoria-detenidos-protestas-tarifas',
 '2025-03-04', 'Valdoria detiene a 4.200 personas tras las protestas por la subida de las tarifas', """
LORVIK, 3 de marzo (MPA) – El Ministerio del Interior de Valdoria informó el lunes de que 4.200 personas fueron detenidas y más de 1.900 resultaron heridas tras una semana de protestas contra la subida de las tarifas de agua y electricidad, que degeneraron en violencia en la capital y en el puerto fluvial de Ostrel.

Seis policías y miembros de la Guardia Nacional murieron en los disturbios, según el ministerio.

El presidente Matej Horvalin aseguró en una videoconferencia del Pacto del Norte que los 1.540 soldados enviados por la alianza permanecerán en el país «por un período limitado», aunque no precisó una fecha para su retirada.

La ministra del Interior, Ana Kovac, advirtió de que el Gobierno no tolerará nuevos ataques contra edificios públicos. «No lo permitiremos», dijo la ministra, «y nunca lo haremos».

El Ministerio de Sanidad difundió el domingo un comunicado en el que cifraba en al menos 97 los muertos, pero lo retiró horas después sin dar explicaciones.

Suscríbete a nuestro boletín y recibe cada mañana las noticias más importantes.

Compartir en: Facebook | X | WhatsApp
""", 'lorvik-protests', 'translation', 'mpa-protests-0303', lang='es',
 junk=['newsletter prompt "Suscríbete a nuestro boletín..."', 'share prompt "Compartir en: ..."', 'dateline "LORVIK, 3 de marzo (MPA) –"'],
 notes='Spanish translation of the first paragraphs of the MPA wire; "." thousands separator')

art('vestnik-protests-0304', 'outlets/foreign.jsonl', 'Вестник Востока',
 'https://vestnikvostoka.example/news/2025/03/04/valdoria-zaderzhany-4200',
 '2025-03-04', 'В Валдории задержаны 4200 участников протестов', """
ЛОРВИК, 3 марта. В Валдории в ходе недельных протестов против повышения тарифов на воду и электроэнергию задержаны 4200 человек, более 1900 пострадали, сообщило МВД страны.

По данным министерства, погибли шесть сотрудников полиции и национальной гвардии.

Президент Матей Горвалин заявил на видеоконференции Северного пакта, что 1540 военнослужащих союзников останутся в стране «на ограниченный срок». Сроки вывода войск он не назвал.

«Мы этого не допустим, — заявила министр внутренних дел Ана Ковач. — И никогда не допустим».

Министерство здравоохранения в воскресенье сообщило как минимум о 97 погибших, однако позднее отозвало это заявление.

Протесты начались 24 февраля в портовом городе Острел после того, как правительство отменило потолок цен на воду и электроэнергию для населения.

Подписывайтесь на наш канал в Telegram

Поделиться:

© 2025 Вестник Востока. Все права защищены.
""", 'lorvik-protests', 'translation', 'mpa-protests-0303', lang='ru',
 junk=['sign-up prompt "Подписывайтесь на наш канал в Telegram"', 'share prompt "Поделиться:"', 'copyright line "© 2025 Вестник Востока. Все права защищены."',
       'dateline "ЛОРВИК, 3 марта."'],
 notes='Russian report based on the MPA wire; names transliterated (Горвалин, Ана Ковач); the Kovac quote is interrupted by attribution with dashes')
