from core import *

story('grain-transit-deal', 'Valdoria and Kestria sign a $1.2 billion grain transit agreement in Saltmere (19-20 March 2025)')
story('brenn-valley-floods', 'Floods in the Brenn valley, northern Valdoria: five dead, thousands evacuated (10-12 March 2025)')
story('tessa-delta-floods', 'Floods in the Tessa delta, southern Valdoria: two (later three) dead, 1,100 evacuated (21-23 March 2025)')

MPA_G = art('mpa-grain-deal-0319', 'wire.jsonl', 'Meridian Press Agency',
 'https://www.mpa.example/business/2025/03/19/valdoria-kestria-grain-transit-deal',
 '2025-03-19', 'Valdoria, Kestria sign $1.2 billion grain transit deal', """
SALTMERE, March 19 (MPA) – Valdoria and Kestria signed a grain transit agreement worth $1.2 billion on Wednesday that will cut rail tariffs for Kestrian grain crossing Valdoria by 15% and run for five years, the two governments said.

Under the deal, signed in the Kestrian port city of Saltmere, Valdoria's state railway will carry up to 3 million tonnes of Kestrian wheat and barley a year to the Valdorian port of Marenna.

"This is the largest agreement between our two countries since independence," Valdorian Foreign Minister Lena Dvorak said after the signing ceremony.

Her Kestrian counterpart, Arvid Moll, said the deal would "take trucks off our roads and put grain on the world market faster".

Rail tariffs are a sensitive issue in Valdoria, where the government lifted a cap on household water and power prices last month, setting off protests. Dvorak said the grain deal would bring the railway an extra 140 million euros a year.
""", 'grain-transit-deal', 'original')

art('herald-grain-deal-0320', 'outlets/valdoria_press.jsonl', 'The Lorvik Herald',
 'https://www.lorvikherald.example/economy/saltmere-grain-agreement-what-it-means',
 '2025-03-20', 'Saltmere grain agreement: what the five-year deal means for Valdoria', """
Published March 20th, 2025 - 08:05 GMT
By Ilse Varga

The grain transit agreement that Valdoria signed with Kestria in Saltmere on Wednesday is worth 1.2 billion dollars over five years, according to the Foreign Ministry.

Kestrian grain will cross Valdoria by rail at tariffs 15 percent below today's rates, and up to three million tonnes a year will be shipped from Marenna.

Foreign Minister Lena Dvorak called it the biggest agreement between the two neighbours since independence. "No agreement between our countries has been larger since independence," she told the Herald.

Railway unions, which held a 48-hour strike this week, said they had not been consulted.

The agreement still needs the approval of both parliaments.

Copyright © 2025 The Lorvik Herald. All rights reserved.
""", 'grain-transit-deal', 'rewrite', 'mpa-grain-deal-0319',
 junk=['publication date line', 'byline "By Ilse Varga"', 'copyright line'],
 notes='explainer in other words; "1.2 billion dollars", "15 percent", "three million tonnes" are the same values written differently')

art('continental-grain-deal-0320', 'outlets/international.jsonl', 'Continental Review',
 'https://www.continentalreview.example/2025/03/20/business/valdoria-kestria-grain.html',
 '2025-03-20', 'Two weeks after unrest, Valdoria bets on grain transit', """
SALTMERE – Two weeks after protests over utility prices shook his government, President Matej Horvalin of Valdoria has found some good news to sell: a transit deal that will bring Kestrian grain across his country by rail.

The agreement, signed on Wednesday in Saltmere, is worth $1.2 billion over five years, officials said, and cuts rail tariffs for Kestrian grain by 15 percent.

“This is the largest agreement between our two countries since independence,” said Lena Dvorak, Valdoria's foreign minister.

Economists in Lorvik were more cautious. The railway's losses last year reached 310 million euros, and the deal would cover less than half of that, said Pavel Hurt, an economist at the Lorvik School of Economics.

Leave a Comment
""", 'grain-transit-deal', 'rewrite', 'mpa-grain-deal-0319',
 junk=['"Leave a Comment" prompt', 'dateline "SALTMERE –"'],
 notes='analysis; opens with the protests (a trap for clustering) but is about the grain deal')

art('observador-grain-deal-0320', 'outlets/foreign.jsonl', 'El Observador del Sur',
 'https://observadorsur.example/economia/2025/03/20/valdoria-kestria-acuerdo-grano',
 '2025-03-20', 'Valdoria y Kestria firman un acuerdo de tránsito de grano de 1.200 millones de dólares', """
SALTMERE, 19 de marzo (MPA) – Valdoria y Kestria firmaron el miércoles un acuerdo de tránsito de grano valorado en 1.200 millones de dólares, que rebajará un 15 % las tarifas ferroviarias para el grano kestrio que cruce Valdoria y tendrá una vigencia de cinco años.

El ferrocarril estatal valdoriano transportará hasta 3 millones de toneladas de trigo y cebada al año hasta el puerto de Marenna.

«Es el mayor acuerdo entre nuestros dos países desde la independencia», afirmó la ministra de Asuntos Exteriores de Valdoria, Lena Dvorak.

Suscríbete a nuestro boletín y recibe cada mañana las noticias más importantes.
""", 'grain-transit-deal', 'translation', 'mpa-grain-deal-0319', lang='es',
 junk=['newsletter prompt "Suscríbete a nuestro boletín..."'],
 notes='Spanish translation of the MPA wire; "1.200 millones de dólares" = $1.2 billion')

MPA_B = art('mpa-floods-brenn-0310', 'wire.jsonl', 'Meridian Press Agency',
 'https://www.mpa.example/valdoria/2025/03/10/brenn-valley-floods-five-dead',
 '2025-03-10', 'Five dead, 3,400 evacuated as floods hit Brenn valley', """
BRENNFORD, March 10 (MPA) – Floods after three days of heavy rain forced the evacuation of 3,400 people in the Brenn valley in northern Valdoria, and five people were killed, emergency officials said on Monday.

Two people are missing after their car was swept off a road near the village of Tarn, the Civil Protection Agency said.

The Brenn river reached 6.2 metres at Brennford on Sunday night, the highest level since 1997. About 1,200 homes were flooded.

"We have never seen the water rise this fast," said Brennford mayor Elias Kornfeld. "People had less than an hour to leave."

The army sent 400 soldiers and 30 boats to help with the evacuation. Schools in the valley will stay closed until Wednesday.
""", 'brenn-valley-floods', 'original')

art('northpost-floods-brenn-0310', 'outlets/valdoria_press.jsonl', 'NorthPost',
 'https://northpost.example/news/brenn-valley-floods-five-dead-3400-evacuated',
 '2025-03-10', 'Brenn valley floods: five dead, 3,400 forced from homes', derive(MPA_B, subs=[
   ("BRENNFORD, March 10 (MPA) – Floods", "(NorthPost.com)- Floods"),
   ("said on Monday.", "said on Monday, MPA reported."),
   ("The army sent 400 soldiers and 30 boats", "The army has sent 400 soldiers and 30 boats"),
  ], append="\n\nSign up for the NorthPost Morning Briefing: the day's top stories in your inbox every morning.\n\n© 2025 NorthPost Media. All rights reserved."),
 'brenn-valley-floods', 'copy', 'mpa-floods-brenn-0310',
 junk=['outlet self-mention "(NorthPost.com)-"', 'newsletter prompt', 'copyright line'],
 notes='wire copy with light edits')

art('valdoriatoday-floods-brenn-0311', 'outlets/valdoria_press.jsonl', 'Valdoria Today',
 'https://valdoriatoday.example/2025/03/11/brenn-valley-flood-clean-up',
 '2025-03-11', 'Brenn valley counts the cost as waters begin to fall', """
Published March 11th, 2025 - 09:40 GMT

The Brenn river began to fall on Tuesday, but more than 3,000 people were still unable to return to homes in the valley, the Civil Protection Agency said.

Five people died in the floods, and the search continued for two people whose car was swept away near Tarn.

Brennford mayor Elias Kornfeld said the town had never seen water rise so quickly. "In less than an hour the water was in the houses," he said.

Farmers said the floods had ruined winter wheat on thousands of hectares. The agriculture ministry promised compensation.

Do you like this article?

You may also like

Tessa delta braces for spring tide
""", 'brenn-valley-floods', 'rewrite', 'mpa-floods-brenn-0310',
 junk=['publication date line', '"Do you like this article?" prompt', '"You may also like" block whose headline names the other flood region (Tessa delta)'],
 notes='follow-up in other words; "more than 3,000" still displaced')

art('vestnik-floods-brenn-0311', 'outlets/foreign.jsonl', 'Вестник Востока',
 'https://vestnikvostoka.example/news/2025/03/11/valdoria-navodnenie-brenn',
 '2025-03-11', 'Наводнение на севере Валдории: пять погибших', """
БРЕННФОРД, 10 марта. В долине реки Бренн на севере Валдории из-за наводнения эвакуированы 3400 человек, пять человек погибли, сообщили в понедельник спасатели.

Ещё двое числятся пропавшими без вести: их автомобиль унесло водой у деревни Тарн.

Уровень воды в реке Бренн у Бреннфорда в ночь на понедельник достиг 6,2 метра — это максимум с 1997 года. Затоплены около 1200 домов.

«Мы никогда не видели, чтобы вода поднималась так быстро», — сказал мэр Бреннфорда Элиас Корнфельд.

Поделиться:
""", 'brenn-valley-floods', 'translation', 'mpa-floods-brenn-0310', lang='ru',
 junk=['share prompt "Поделиться:"', 'dateline "БРЕННФОРД, 10 марта."'],
 notes='Russian report based on the MPA wire; decimal comma in "6,2 метра" (a level, not a count)')

art('brenn-valley-flood-bulletin', 'texts/brenn-valley-flood-bulletin.txt', None, None, None, 'Brenn valley: schools reopen as evacuees begin to return', """
Brenn valley: schools reopen as evacuees begin to return

Schools in Brennford reopened on Wednesday as the first of the people evacuated during last week's floods were allowed back into the lower town.

The Civil Protection Agency said the bodies of the two people missing near Tarn had been found, bringing the death toll in the Brenn valley to seven.

"We have never seen the water rise this fast," mayor Elias Kornfeld said again on Wednesday, thanking the 400 soldiers sent by the army.

This article has been adapted from its original source.
""", 'brenn-valley-floods', 'original',
 junk=['"This article has been adapted from its original source."'],
 notes='.txt file; later update: the two missing were found dead, death toll seven')

MPA_T = art('mpa-floods-tessa-0321', 'wire.jsonl', 'Meridian Press Agency',
 'https://www.mpa.example/valdoria/2025/03/21/tessa-delta-floods-two-dead',
 '2025-03-21', 'Two dead, 1,100 evacuated as spring tide floods Tessa delta', """
MARENNA, March 21 (MPA) – Two people drowned and 1,100 were evacuated after a spring tide and strong winds pushed seawater over the dikes of the Tessa delta in southern Valdoria on Friday, emergency officials said.

The water flooded three villages south of the port of Marenna. A fisherman and a 70-year-old woman died, the Civil Protection Agency said.

"The sea came over the dike like a wall," said Marenna deputy mayor Sofia Lind. "We are lucky it happened in daylight."

It was the second flood disaster in Valdoria this month, after floods in the Brenn valley in the north killed five people.
""", 'tessa-delta-floods', 'original')

art('tessa-delta-floods-0321', 'outlets/coast.jsonl', None,
 'https://www.coastlinecourier.example/region/tessa-delta-dikes-breached',
 '2025-03-21', 'Sea breaks over Tessa delta dikes: two dead, 1,100 evacuated', derive(MPA_T, subs=[
   ("MARENNA, March 21 (MPA) – Two people drowned", "MARENNA – Two people drowned"),
   ("emergency officials said.", "emergency officials told MPA."),
  ], append="\n\nShare this:\n\nFacebook\nX\nEmail"),
 'tessa-delta-floods', 'copy', 'mpa-floods-tessa-0321',
 junk=['share block "Share this: Facebook X Email"', 'dateline "MARENNA –"'],
 notes='wire copy; this JSON line has NO "source" field: the reader must derive the outlet from the url host (www.coastlinecourier.example)')

art('eastbridge-floods-tessa-0322', 'outlets/coast.jsonl', 'Eastbridge Gazette',
 'https://www.eastbridgegazette.example/news/2025/03/22/tessa-delta-third-victim',
 '2025-03-22', 'Third victim found as Tessa delta water recedes', """
By Hanna Mikkel

MARENNA – Three people have died in the floods that swept over the Tessa delta on Friday, after rescuers found the body of a man in a flooded barn on Saturday morning.

About 1,100 people spent a second night in schools and sports halls in Marenna.

"The sea came over the dike like a wall," deputy mayor Sofia Lind said on Friday. On Saturday she added: "We need new dikes, not new promises."

Engineers said the dikes, built in 1961, had been due for repair since 2018.

Sign up for our free Eastbridge Gazette newsletter to get the latest local news.
""", 'tessa-delta-floods', 'rewrite', 'mpa-floods-tessa-0321',
 junk=['byline', 'dateline "MARENNA –"', 'newsletter prompt'],
 notes='day-later follow-up: three dead (vs two in the wire: conflict)')

art('valdoriatoday-floods-tessa-0323', 'outlets/valdoria_press.jsonl', 'Valdoria Today',
 'https://valdoriatoday.example/2025/03/23/tessa-delta-dikes-repair',
 '2025-03-23', 'Government promises new dikes for Tessa delta', """
Published March 23rd, 2025 - 17:30 GMT

The government will spend 85 million euros on new dikes in the Tessa delta, Prime Minister Karel Dusek said on Sunday during a visit to the flooded villages south of Marenna.

Three people died when the sea broke through on Friday. About 1,100 residents were evacuated; most were back home by Sunday.

Deputy mayor Sofia Lind, who had criticised the state of the dikes, welcomed the money. "We needed new dikes, not promises, and today we got them," she said.

Do you like this article?
""", 'tessa-delta-floods', 'original',
 junk=['publication date line', '"Do you like this article?" prompt'],
 notes='follow-up: government response')
