from core import *

story('port-selwyn-fire', 'Cold-storage warehouse fire in the harbour of Port Selwyn (6-7 March 2025)')
story('dunmore-fire', 'Furniture warehouse fire on the Dunmore industrial estate, one worker killed (13-14 March 2025)')

MPA_F1 = art('mpa-fire-selwyn-0306', 'wire.jsonl', 'Meridian Press Agency',
 'https://www.mpa.example/valdoria/2025/03/06/fire-destroys-port-selwyn-warehouse',
 '2025-03-06', 'Fire destroys cold-storage warehouse in Port Selwyn, residents evacuated', """
PORT SELWYN, March 6 (MPA) – A fire destroyed a cold-storage warehouse in the harbour district of Port Selwyn early on Thursday, forcing the evacuation of more than 200 residents from nearby streets, the regional fire service said.

About 60 firefighters with 18 engines fought the blaze for nine hours before bringing it under control shortly after noon. Three workers were treated for smoke inhalation; none was seriously hurt.

"The roof collapsed within the first hour, so we had to fight it from the outside," fire chief Petra Lund told reporters at the scene.

Residents of Quay Road and Net Lane were told to keep windows closed because of fears that ammonia used in the cooling system could leak. Tests found no ammonia in the air, the fire service said.

The warehouse, at 4 Quay Road, was built in 1978 and belonged to Selwyn Cold Chain, which stores fish for the port's processing plants. The company said about 900 tonnes of frozen fish had been inside.

The cause of the fire is not yet known. Police said there was no sign of a crime.
""", 'port-selwyn-fire', 'original')

CC_CAP = "Smoke rises over the harbour of Port Selwyn on Thursday morning. (Photo: Coastline Courier reader)"
art('coastline-fire-selwyn-0306', 'outlets/coast.jsonl', 'Coastline Courier',
 'https://coastlinecourier.example/local/port-selwyn-warehouse-fire-quay-road',
 '2025-03-06', 'Quay Road warehouse destroyed by fire, 200 residents evacuated', derive(MPA_F1, subs=[
   ("PORT SELWYN, March 6 (MPA) – A fire destroyed", CC_CAP + "\n\n" + CC_CAP + "\n\nPORT SELWYN (MPA) – A fire destroyed"),
   ("the regional fire service said.", "the regional fire service said.\n\nFollow the Coastline Courier on Facebook for live updates."),
   ("told reporters at the scene.", "told reporters at the scene on Thursday."),
  ], append="\n\nShare this:\n\nFacebook\nX\nEmail\n\nLike this:\n\nLike Loading..."),
 'port-selwyn-fire', 'copy', 'mpa-fire-selwyn-0306',
 junk=['photo caption repeated twice', 'social prompt "Follow the Coastline Courier on Facebook for live updates."',
       'share block "Share this: Facebook X Email Like this: Like Loading..."', 'dateline "PORT SELWYN (MPA) –"'],
 notes='wire copy, nearly verbatim; title rounds "more than 200" to "200"')

art('eastbridge-fire-selwyn-0307', 'outlets/coast.jsonl', 'Eastbridge Gazette',
 'https://www.eastbridgegazette.example/news/2025/03/07/port-selwyn-fire-families-return',
 '2025-03-07', 'Families return home after Port Selwyn warehouse blaze', """
By Hanna Mikkel

Families evacuated from the streets around Port Selwyn's harbour were allowed back into their homes on Friday, a day after fire gutted a cold-storage warehouse on Quay Road.

In all, 240 residents had to leave their homes as some 60 firefighters battled the flames through Thursday morning. Three people working night shifts at the warehouse were treated for breathing in smoke.

Fire chief Petra Lund said her crews had been forced back early. "Once the roof came down in the first hour, we could only fight it from outside," she said.

Selwyn Cold Chain, which owns the building, said it would rebuild. Its chief executive, Oskar Brandvik, 54, said the firm's 35 staff would continue to be paid.

Investigators have not yet said what started the fire.

Do you like this article?
""", 'port-selwyn-fire', 'rewrite', 'mpa-fire-selwyn-0306',
 junk=['byline "By Hanna Mikkel" (metadata: byline)', '"Do you like this article?" prompt'],
 notes='follow-up in other words; evacuated 240 (vs "more than 200" in MPA: differ)')

art('port-selwyn-fire-residents', 'texts/port-selwyn-fire-residents.txt', None, None, None,
 'Port Selwyn fire: residents told to keep windows shut', """
Port Selwyn fire: residents told to keep windows shut

More than 200 people living near the harbour in Port Selwyn were moved out of their homes early on Thursday as fire swept through a cold-storage warehouse on Quay Road.

About 60 firefighters fought the fire, which started shortly before 3 a.m. Three workers were treated for smoke inhalation.

"The roof collapsed within the first hour, so we had to fight it from the outside," said fire chief Petra Lund.

The fire service asked people in Quay Road and Net Lane to keep windows and doors shut as a precaution against an ammonia leak from the building's cooling plant.

Leave a Comment

2 Comments

Marta K. says:
March 6, 2025 at 9:12 am
We could see the smoke from Harbour Hill. Thank you to the firefighters!

Jonas says:
March 6, 2025 at 11:40 am
That building has been empty at night for years, why were people inside?
""", 'port-selwyn-fire', 'rewrite', 'mpa-fire-selwyn-0306',
 junk=['"Leave a Comment" prompt', 'comment section after the "2 Comments" header (two comments with names and timestamps)'],
 notes='.txt file (id from the file name, no source or date); short rewrite of the wire with the fire chief quote verbatim')

MPA_F2 = art('mpa-fire-dunmore-0313', 'wire.jsonl', 'Meridian Press Agency',
 'https://www.mpa.example/valdoria/2025/03/13/dunmore-warehouse-fire-worker-killed',
 '2025-03-13', 'Worker killed as fire sweeps through Dunmore furniture warehouse', """
DUNMORE, March 13 (MPA) – A fire tore through a furniture warehouse on the Dunmore industrial estate on Thursday night, killing one worker and injuring two others, the regional fire service said.

About 45 firefighters were sent to the site on Kiln Street, where the flames spread quickly through stacks of upholstered furniture. Eighty people were evacuated from a care home and a block of flats next to the estate.

"The heat was so intense that the steel frame buckled within minutes," said fire chief Ivo Brandt. "My crews did everything they could to reach him."

The dead man, a 52-year-old night watchman, was found near a loading bay. The two injured workers were taken to Dunmore General Hospital with burns.

The warehouse belonged to Valtex Furniture, which employs about 300 people in the town. Police have opened an investigation into the cause.
""", 'dunmore-fire', 'original')

art('eastbridge-fire-dunmore-0314', 'outlets/coast.jsonl', 'Eastbridge Gazette',
 'https://www.eastbridgegazette.example/news/2025/03/14/dunmore-warehouse-fire-night-watchman',
 '2025-03-14', 'Dunmore mourns night watchman killed in warehouse fire', """
By Hanna Mikkel

DUNMORE – Flags flew at half-mast on the Dunmore industrial estate on Friday after a night watchman was killed in a fire that destroyed a Valtex Furniture warehouse.

The man, 52, had worked for the company for more than 20 years, colleagues said. Two other workers suffered burns and were being treated in hospital.

It was the second major warehouse fire in the region in eight days, after a blaze destroyed a cold-storage building in Port Selwyn on March 6.

Fire chief Ivo Brandt said the steel frame of the building had given way within minutes. "It was so hot that the frame buckled almost at once," he said. "We did everything we could to get to him."

About 80 residents of a care home and nearby flats spent the night in the town's sports hall.

Valtex, which employs about 300 people in Dunmore, said production at its main factory would continue.

Sign up for our free Eastbridge Gazette newsletter to get the latest local news.

Copyright © 2025 Eastbridge Gazette
""", 'dunmore-fire', 'rewrite', 'mpa-fire-dunmore-0313',
 junk=['byline "By Hanna Mikkel"', 'dateline "DUNMORE –"', 'newsletter prompt "Sign up for our free Eastbridge Gazette newsletter..."', 'copyright line'],
 notes='follow-up in other words; mentions the Port Selwyn fire in one sentence but is about Dunmore (a trap for clustering)')

art('coastline-fire-dunmore-0314', 'outlets/coast.jsonl', 'Coastline Courier',
 'https://coastlinecourier.example/region/dunmore-fire-valtex-warehouse',
 '2025-03-14', 'One dead, two injured in Dunmore warehouse fire', derive(MPA_F2, subs=[
   ("DUNMORE, March 13 (MPA) – A fire tore through a furniture warehouse on the Dunmore industrial estate on Thursday night, killing one worker and injuring two others, the regional fire service said.",
    "A fire tore through a furniture warehouse on the Dunmore industrial estate on Thursday night, killing one worker and injuring two others, the regional fire service said, MPA reported."),
   ("Eighty people were evacuated", "Eighty people had to be evacuated"),
  ], drop=["\n\nThe warehouse belonged to Valtex Furniture, which employs about 300 people in the town. Police have opened an investigation into the cause."],
  append="\n\nYou may also like\n\nPort Selwyn warehouse fire: families return home\nHarbour festival dates announced\n\nCopyright © 2025 Coastline Courier. All rights reserved."),
 'dunmore-fire', 'copy', 'mpa-fire-dunmore-0313',
 junk=['"You may also like" block whose first headline names the other fire (Port Selwyn)', 'copyright line'],
 notes='wire pick-up credited "MPA reported"; last paragraph dropped')

art('nordwelle-fire-dunmore-0314', 'outlets/foreign.jsonl', 'Nordwelle',
 'https://www.nordwelle.example/ausland/valdoria-dunmore-brand-lagerhalle-100.html',
 '2025-03-14', 'Großbrand in Lagerhalle in Dunmore: ein Toter', """
DUNMORE – Beim Brand einer Möbel-Lagerhalle im Industriegebiet der valdorianischen Stadt Dunmore ist in der Nacht zum Freitag ein Wachmann ums Leben gekommen. Zwei weitere Arbeiter erlitten Verbrennungen, wie die regionale Feuerwehr mitteilte.

Rund 45 Feuerwehrleute waren im Einsatz. 80 Bewohner eines Pflegeheims und eines benachbarten Wohnblocks mussten ihre Wohnungen verlassen.

„Die Hitze war so groß, dass sich das Stahlgerüst innerhalb von Minuten verbog“, sagte Feuerwehrchef Ivo Brandt.

Die Halle gehörte dem Möbelhersteller Valtex, der in Dunmore rund 300 Menschen beschäftigt. Die Polizei ermittelt zur Brandursache.

Mit Material von MPA

© Nordwelle 2025 – Alle Rechte vorbehalten
""", 'dunmore-fire', 'translation', 'mpa-fire-dunmore-0313', lang='de',
 junk=['credit line "Mit Material von MPA"', 'copyright line'],
 notes='German report based on the MPA wire')
